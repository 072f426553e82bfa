package dev.flamegate.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.flamegate.junit.ProfiledTest;
import dev.flamegate.junit.fixtures.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension's own cost, side by side in one JVM: the wall time of running {@link OverheadFixture} as a
 * profiled test with default settings (calibration, warm-up, measured rounds, comparison, artifacts), against
 * the wall time of the same number of plain invocations of its body. Interleaved, repeated; prints each
 * pair and the median ratio. Run with {@code scripts/junit-overhead.sh} (see BENCHMARKS.md), not in the suite.
 * Arguments: the number of pairs, then optional {@code key=value} configuration parameters.
 */
public final class OverheadMeasurement {

    private OverheadMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        // Further arguments key=value are configuration parameters, e.g. flamegate.profiler.interval=2ms.
        java.util.Map<String, String> extra = new java.util.LinkedHashMap<>();
        for (int a = 1; a < args.length; a++) {
            extra.put(args[a].substring(0, args[a].indexOf('=')), args[a].substring(args[a].indexOf('=') + 1));
        }
        Path dir = Files.createTempDirectory("flamegate-overhead");
        double[] ratios = new double[pairs];
        double[] cpuRatios = new double[pairs];
        double[] loads = new double[pairs];
        double[] threadRatios = new double[pairs];
        for (int i = -1; i < pairs; i++) { // pair -1 records the baseline and warms the JVM
            // Odd pairs run the plain loop first, so that a drift in machine load does not favour one side.
            long[] plain = i % 2 != 0 ? plain(-1) : null;
            OverheadFixture.invocations = 0;
            long threadStart = threadCpu();
            long cpuStart = processCpu();
            long start = System.nanoTime();
            var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(OverheadFixture.class))
                    .configurationParameter(ProfiledTest.BASELINES_DIR_KEY, dir.resolve("baselines").toString())
                    .configurationParameter(ProfiledTest.OUTPUT_DIR_KEY, dir.resolve("out").toString())
                    .configurationParameter("flamegate.ci", "false")
                    .configurationParameter(ProfiledTest.MAX_REGRESSION_KEY, "1000%")
                    .configurationParameters(extra)
                    .execute();
            long profiled = System.nanoTime() - start;
            long profiledCpu = processCpu() - cpuStart;
            long profiledThread = threadCpu() - threadStart;
            if (results.testEvents().succeeded().count() != 1) {
                throw new IllegalStateException("profiled run failed: " + results.testEvents().failed().list());
            }
            long n = OverheadFixture.invocations;
            if (plain == null) {
                plain = plain(n);
            } else {
                plain = scaled(plain, n);
            }
            if (i >= 0) {
                ratios[i] = (double) profiled / plain[0];
                cpuRatios[i] = (double) profiledCpu / plain[1];
                threadRatios[i] = (double) profiledThread / plain[3];
                loads[i] = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                System.out.printf("pair %d: %d invocations, wall profiled %.0f ms / plain %.0f ms = %.3f,"
                        + " process CPU %.0f ms / %.0f ms = %.3f, test-thread CPU %.3f, load average %.2f%n", i + 1, n,
                        profiled / 1e6, plain[0] / 1e6, ratios[i], profiledCpu / 1e6, plain[1] / 1e6, cpuRatios[i],
                        threadRatios[i], loads[i]);
            }
        }
        Arrays.sort(ratios);
        Arrays.sort(cpuRatios);
        Arrays.sort(loads);
        Arrays.sort(threadRatios);
        System.out.printf("median wall ratio %.3f (min %.3f, max %.3f), median process-CPU ratio %.3f (min %.3f, max %.3f),"
                + " median test-thread CPU ratio %.3f (min %.3f, max %.3f) over %d pairs, load average %.1f-%.1f%n",
                ratios[pairs / 2], ratios[0], ratios[pairs - 1], cpuRatios[pairs / 2], cpuRatios[0], cpuRatios[pairs - 1],
                threadRatios[pairs / 2], threadRatios[0], threadRatios[pairs - 1], pairs, loads[0], loads[pairs - 1]);
    }

    /** Expected invocations of one profiled run: those of the previous one ({@code -1}: a first guess). */
    private static long expected = 1_500;

    /**
     * Wall, process-CPU and test-thread CPU nanoseconds of {@code n} plain invocations ({@code -1}: as many as
     * last time), and the count, in the order {wall, process CPU, count, thread CPU}.
     */
    private static long[] plain(long n) {
        long count = n < 0 ? expected : n;
        expected = count;
        long threadStart = threadCpu();
        long cpuStart = processCpu();
        long start = System.nanoTime();
        for (long k = 0; k < count; k++) {
            Work.spin(1_000);
        }
        return new long[] {System.nanoTime() - start, processCpu() - cpuStart, count, threadCpu() - threadStart};
    }

    /** A plain run ahead of the profiled one, scaled to the invocations the profiled run actually made. */
    private static long[] scaled(long[] plain, long n) {
        expected = n;
        double f = (double) n / plain[2];
        return new long[] {Math.round(plain[0] * f), Math.round(plain[1] * f), n, Math.round(plain[3] * f)};
    }

    /** CPU time of this thread, which runs the test (JUnit's default same-thread execution) and the plain loop. */
    private static long threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
