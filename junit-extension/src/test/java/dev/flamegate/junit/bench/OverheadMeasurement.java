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
 */
public final class OverheadMeasurement {

    private OverheadMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("flamegate-overhead");
        double[] ratios = new double[pairs];
        double[] cpuRatios = new double[pairs];
        for (int i = -1; i < pairs; i++) { // pair -1 records the baseline and warms the JVM
            OverheadFixture.invocations = 0;
            long cpuStart = processCpu();
            long start = System.nanoTime();
            var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(OverheadFixture.class))
                    .configurationParameter(ProfiledTest.BASELINES_DIR_KEY, dir.resolve("baselines").toString())
                    .configurationParameter(ProfiledTest.OUTPUT_DIR_KEY, dir.resolve("out").toString())
                    .configurationParameter("flamegate.ci", "false")
                    .configurationParameter(ProfiledTest.MAX_REGRESSION_KEY, "1000%")
                    .execute();
            long profiled = System.nanoTime() - start;
            long profiledCpu = processCpu() - cpuStart;
            if (results.testEvents().succeeded().count() != 1) {
                throw new IllegalStateException("profiled run failed: " + results.testEvents().failed().list());
            }
            long n = OverheadFixture.invocations;
            cpuStart = processCpu();
            start = System.nanoTime();
            for (long k = 0; k < n; k++) {
                Work.spin(1_000);
            }
            long plain = System.nanoTime() - start;
            long plainCpu = processCpu() - cpuStart;
            if (i >= 0) {
                ratios[i] = (double) profiled / plain;
                cpuRatios[i] = (double) profiledCpu / plainCpu;
                System.out.printf("pair %d: %d invocations, wall profiled %.0f ms / plain %.0f ms = %.3f,"
                        + " process CPU %.0f ms / %.0f ms = %.3f%n", i + 1, n, profiled / 1e6, plain / 1e6, ratios[i],
                        profiledCpu / 1e6, plainCpu / 1e6, cpuRatios[i]);
            }
        }
        Arrays.sort(ratios);
        Arrays.sort(cpuRatios);
        System.out.printf("median wall ratio %.3f (min %.3f, max %.3f), median process-CPU ratio %.3f (min %.3f, max %.3f)"
                + " over %d pairs%n", ratios[pairs / 2], ratios[0], ratios[pairs - 1], cpuRatios[pairs / 2], cpuRatios[0],
                cpuRatios[pairs - 1], pairs);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
