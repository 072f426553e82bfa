package dev.flamegate.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * How fast this machine runs a fixed piece of JVM work: sorting, pseudo-random arithmetic, and
 * walking a table larger than the first-level caches, in plain loops over primitives. Measured once per
 * JVM (about 0.2 s of CPU) as the calling thread's CPU time per repetition, median over the repetitions
 * after a warm-up.
 *
 * <p>Why: runners "of the same kind" are not the same machine. Two sessions' machines with the same
 * cores, JDK and OS ran the samples' workloads 2–4 × apart (BENCHMARKS.md), which no fingerprint of
 * names and versions shows. A baseline records this figure; a comparison on a machine whose figure
 * differs by more than {@link #COMPARABLE_RATIO} does not gate time totals, which there measure the
 * machine as much as the code (see {@link #comparable(double, double)}).
 */
public final class MachineSpeed {

    /**
     * Machines whose calibration times differ by more than this factor do not compare time totals. On a
     * shared 2-core runner the same JVM's figure moved between two levels 1.35 × apart within seconds
     * (neighbours on the host), and fresh JVMs ranged over 1.5 ×; two sessions' machines differed by
     * about 3 × (BENCHMARKS.md). So only a difference well beyond the machine's own wobble counts.
     */
    public static final double COMPARABLE_RATIO = 1.5;

    private static final int WARMUP = 300;
    private static final int MEASURED = 41;
    private static final int SIZE = 2048;
    private static final int TABLE_SIZE = 1 << 16;
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[SIZE]);
    private static final ThreadLocal<int[]> TABLE = ThreadLocal.withInitial(() -> new int[TABLE_SIZE]);

    private static volatile long sink;
    private static volatile double cached = Double.NaN;

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
                    cached = measure();
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

    static double measure() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return Double.NaN;
        }
        try {
            if (!threads.isThreadCpuTimeEnabled()) {
                threads.setThreadCpuTimeEnabled(true);
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            return Double.NaN;
        }
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < WARMUP; i++) {
            seed = work(seed);
        }
        double[] nanos = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = threads.getCurrentThreadCpuTime();
            seed = work(seed);
            nanos[i] = threads.getCurrentThreadCpuTime() - start;
        }
        sink = seed;
        Arrays.sort(nanos);
        double median = nanos[MEASURED / 2];
        return median > 0 ? median : Double.NaN;
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
        double nanos = measure();
        System.out.printf(java.util.Locale.ROOT, "calibration: %.0f ns per repetition (measured in %.0f ms)%n", nanos,
                (System.nanoTime() - start) / 1e6);
    }
}
