package dev.flamegate.compare;

import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The table behind BENCHMARKS.md's "Between-run noise" section: {@link BaselineComparator#compare} on
 * {@link NoisyRuns} (whole runs ±15 % in speed), per baseline size and per slowdown of the pricing path
 * (50 % of the work), the share of comparisons that say {@code REGRESSION}, and how often CPU time alone
 * or the path-share gate said it. Seeds fixed: the numbers reproduce exactly.
 *
 * <pre>
 * mvn -q -o -pl harness test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.flamegate.compare.RunNoiseSimulation -Dexec.args=500
 * </pre>
 */
public final class RunNoiseSimulation {

    private RunNoiseSimulation() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        double[] slowdowns = {1.0, 1.05, 1.10, 1.20, 1.50};
        CompareSettings settings = CompareSettings.defaults();
        System.out.printf(Locale.ROOT, "%d comparisons per cell; REGRESSION (by cpu.time / by the path-share gate)%n%n", trials);
        System.out.println("| samples per round × rounds | baseline runs | no change | pricing +5 % | +10 % | +20 % | +50 % |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (NoisyRuns noise : new NoisyRuns[] {new NoisyRuns(20, 2000, 0.15, 0.01), new NoisyRuns(10, 200, 0.15, 0.01)}) {
            for (int runs : new int[] {1, 3, 5}) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d × %d | %d |", noise.samplesPerRound(),
                        noise.rounds(), runs));
                for (double slowdown : slowdowns) {
                    SplittableRandom random = new SplittableRandom(runs * 1000L + Math.round(slowdown * 100) + noise.samplesPerRound());
                    int regression = 0;
                    int byCpu = 0;
                    int byPath = 0;
                    for (int t = 0; t < trials; t++) {
                        Comparison c = BaselineComparator.compare(Optional.of(noise.baseline(random, runs, NoisyRuns.Workload.UNCHANGED)),
                                noise.run(random, new NoisyRuns.Workload(slowdown, 1)), settings);
                        if (c.verdict() == Verdict.REGRESSION) {
                            regression++;
                            byCpu += c.metric("cpu.time").filter(m -> m.status() == MetricChange.Status.REGRESSED).isPresent() ? 1 : 0;
                            byPath += c.frames().stream().anyMatch(f -> f.leaf().endsWith("applyDiscounts")) ? 1 : 0;
                        }
                    }
                    row.append(String.format(Locale.ROOT, " %.1f %% (%d / %d) |", 100.0 * regression / trials, byCpu, byPath));
                }
                System.out.println(row);
            }
        }
    }
}
