package dev.flamegate.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * How fast this machine runs a fixed piece of JVM work: sorting, pseudo-random arithmetic, and
 * walking a table larger than the first-level caches, in plain loops over primitives. Measured once per
 * JVM (about 0.2 s of CPU) as the calling thread's CPU time per repetition: after a warm-up,
 * {@value #LOOPS} short loops, each giving the median of its repetitions; the figure is the median of the
 * loops and their spread ({@link #calibrationSpread()}) says how far to trust it.
 *
 * <p>Why: runners "of the same kind" are not the same machine. Two machines with the same
 * cores, JDK and OS ran the samples' workloads 2–4 × apart (BENCHMARKS.md), which no fingerprint of
 * names and versions shows. A baseline records this figure; a comparison on a machine whose figure
 * differs from the baseline's has its time totals' intervals widened by what the difference could explain
 * ({@link #timeAllowance(double, double)}), smoothly: no single ratio flips a run between gated and not gated.
 */
public final class MachineSpeed {

    /**
     * Machines whose calibration times differ by more than this factor do not compare time totals. On a
     * shared 2-core runner the same JVM's figure moved between two levels 1.35 × apart within seconds
     * (neighbours on the host), and fresh JVMs ranged over 1.5 ×; two machines of one kind differed by
     * about 3 × (BENCHMARKS.md). So only a difference well beyond the machine's own wobble counts.
     */
    public static final double COMPARABLE_RATIO = 1.5;

    /**
     * Below this ratio a calibration difference is the calibration's own wobble and widens nothing; it is raised
     * to three times the measured spread of the ratio when that is larger.
     */
    public static final double NOISE_RATIO = 1.1;

    /** Calibration loops per JVM; each gives the median of {@link #PER_LOOP} repetitions. */
    static final int LOOPS = 5;
    private static final int PER_LOOP = 9;
    private static final int WARMUP = 300;
    private static final int SIZE = 2048;
    private static final int TABLE_SIZE = 1 << 16;
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[SIZE]);
    private static final ThreadLocal<int[]> TABLE = ThreadLocal.withInitial(() -> new int[TABLE_SIZE]);

    private static volatile long sink;
    private static volatile double cached = Double.NaN;
    private static volatile double cachedSpread = Double.NaN;

    private MachineSpeed() {
    }

    /**
     * Nanoseconds of thread CPU time one repetition of the calibration work takes here; measured on first
     * call, then cached. {@code NaN} when this JVM cannot measure thread CPU time.
     */
    public static double calibrationNanos() {
        double value = cached;
        if (Double.isNaN(value)) {
            synchronized (MachineSpeed.class) {
                if (Double.isNaN(cached)) {
                    double[] loops = measureLoops();
                    cached = loops.length == 0 ? Double.NaN : median(loops);
                    cachedSpread = spread(loops);
                }
                value = cached;
            }
        }
        return value;
    }

    /**
     * Whether time totals measured on machines with calibration times {@code baselineNanos} and
     * {@code currentNanos} compare: true when either is unknown (older baselines; trusted as before) or
     * they are within {@link #COMPARABLE_RATIO} of each other.
     */
    public static boolean comparable(double baselineNanos, double currentNanos) {
        if (!(baselineNanos > 0) || !(currentNanos > 0)) {
            return true;
        }
        return Math.abs(Math.log(currentNanos / baselineNanos)) <= Math.log(COMPARABLE_RATIO);
    }

    /**
     * The relative standard error of {@link #calibrationNanos()} on the log scale: the standard deviation of the
     * loops' log medians over the square root of their number. NaN when unmeasured.
     */
    public static double calibrationSpread() {
        calibrationNanos();
        return cachedSpread;
    }

    /**
     * How much of a time total's log change the machine difference could explain, with its sign: positive when
     * this machine ({@code currentNanos}) is slower, negative when faster, 0 when either is unknown or the ratio
     * is within the calibration's own wobble. Continuous and monotone in the ratio: 0 up to the wobble edge
     * {@code a} (the larger of {@link #NOISE_RATIO} and three times the ratio's measured uncertainty), the full
     * log ratio from {@link #COMPARABLE_RATIO} on (and from {@code 1.5 a} if that is larger), a smoothstep blend in
     * between.
     *
     * @param spread the log-scale uncertainty of one calibration ({@link #calibrationSpread()}); NaN if unknown
     */
    public static double timeAllowance(double baselineNanos, double currentNanos, double spread) {
        if (!(baselineNanos > 0) || !(currentNanos > 0)) {
            return 0;
        }
        double logRatio = Math.log(currentNanos / baselineNanos);
        // both calibrations wobble alike: the ratio's uncertainty is sqrt(2) times one's
        double measured = Double.isFinite(spread) ? 3 * Math.sqrt(2) * spread : 0;
        double edge = Math.max(Math.log(NOISE_RATIO), measured);
        double full = Math.max(Math.log(COMPARABLE_RATIO), 1.5 * edge);
        double x = (Math.abs(logRatio) - edge) / (full - edge);
        double weight = x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x);
        return weight * logRatio;
    }

    /** The machine's figure: the median of {@link #LOOPS} loops' medians. */
    static double measure() {
        double[] loops = measureLoops();
        return loops.length == 0 ? Double.NaN : median(loops);
    }

    /** Each loop's median nanoseconds per repetition; empty when this JVM cannot measure thread CPU time. */
    static double[] measureLoops() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return new double[0];
        }
        try {
            if (!threads.isThreadCpuTimeEnabled()) {
                threads.setThreadCpuTimeEnabled(true);
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            return new double[0];
        }
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < WARMUP; i++) {
            seed = work(seed);
        }
        double[] loops = new double[LOOPS];
        for (int loop = 0; loop < LOOPS; loop++) {
            double[] nanos = new double[PER_LOOP];
            for (int i = 0; i < PER_LOOP; i++) {
                long start = threads.getCurrentThreadCpuTime();
                seed = work(seed);
                nanos[i] = threads.getCurrentThreadCpuTime() - start;
            }
            loops[loop] = median(nanos);
            if (!(loops[loop] > 0)) {
                return new double[0];
            }
        }
        sink = seed;
        return loops;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Standard error of the mean log of {@code loops}; NaN for fewer than two. */
    static double spread(double[] loops) {
        if (loops.length < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : loops) {
            mean += Math.log(v) / loops.length;
        }
        double sum = 0;
        for (double v : loops) {
            sum += (Math.log(v) - mean) * (Math.log(v) - mean);
        }
        return Math.sqrt(sum / (loops.length - 1) / loops.length);
    }

    /**
     * One repetition: a shell sort of pseudo-random ints, then random reads and writes over a 256 KiB
     * table, no allocation. Plain loops over primitives compile to the same code in every JVM; library
     * code (a HashMap, Arrays.sort) and allocation made fresh JVMs on one machine differ by 1.5 ×.
     */
    private static long work(long seed) {
        int[] values = SCRATCH.get();
        long x = seed;
        for (int i = 0; i < SIZE; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            values[i] = (int) x;
        }
        for (int gap = SIZE / 2; gap > 0; gap /= 2) {
            for (int i = gap; i < SIZE; i++) {
                int v = values[i];
                int j = i;
                while (j >= gap && values[j - gap] > v) {
                    values[j] = values[j - gap];
                    j -= gap;
                }
                values[j] = v;
            }
        }
        int[] table = TABLE.get();
        long sum = 0;
        for (int i = 0; i < TABLE_SIZE; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int slot = (int) (x & (TABLE_SIZE - 1));
            table[slot] += values[i & (SIZE - 1)];
            sum += table[(slot * 31) & (TABLE_SIZE - 1)];
        }
        return x + sum;
    }

    /** Prints this machine's calibration time: {@code java -cp flamegate.jar dev.flamegate.measure.MachineSpeed}. */
    public static void main(String[] args) {
        long start = System.nanoTime();
        double[] loops = measureLoops();
        System.out.printf(Locale.ROOT, "calibration: %.0f ns per repetition, spread %.1f %% (loops %s; measured in %.0f ms)%n",
                loops.length == 0 ? Double.NaN : median(loops), 100 * spread(loops), Arrays.toString(loops),
                (System.nanoTime() - start) / 1e6);
    }
}
