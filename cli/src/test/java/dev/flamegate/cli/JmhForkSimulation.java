package dev.flamegate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeded simulation of {@code jmh-compare} on runs of {@value #BENCHMARKS} throughput benchmarks: how often a
 * changed benchmark is a REGRESSION and how often unchanged ones are. Noise: each fork's level log-normal
 * around the true score with the fork-to-fork CV of {@link #FORK_CV} (the changed benchmark, index
 * {@value #TARGET}: 3 %), each of 5 iterations log-normal around its fork's level with 1 %. Prints a Markdown
 * table:
 * {@code mvn -q -pl harness test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.flamegate.cli.JmhForkSimulation -Dexec.args=1000}
 */
public final class JmhForkSimulation {

    static final int BENCHMARKS = 8;
    /** Fork-to-fork CV of each simulated benchmark; index {@value #TARGET} is the one that changes. */
    static final double[] FORK_CV = {0.01, 0.02, 0.02, 0.03, 0.03, 0.04, 0.05, 0.03};
    static final int TARGET = 3;
    static final double ITERATION_CV = 0.01;

    private JmhForkSimulation() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println("| forks a side | change of the 3 % CV benchmark | prior from the run | REGRESSION (changed one) |"
                + " INCONCLUSIVE (changed one) | false REGRESSION (unchanged rows) | runs with a false REGRESSION |");
        System.out.println("|---|---|---|---|---|---|---|");
        long seed = 1;
        for (int forks : new int[] {2, 3, 5}) {
            for (double drop : new double[] {0, 0.05, 0.10, 0.50}) {
                for (boolean moderated : new boolean[] {false, true}) {
                    Outcomes o = simulate(seed++, trials, forks, drop, moderated);
                    System.out.printf(Locale.ROOT, "| %d | %s | %s | %.1f %% | %.1f %% | %.2f %% | %.1f %% |%n", forks,
                            drop == 0 ? "none (A/A)" : String.format(Locale.ROOT, "-%.0f %% throughput", 100 * drop),
                            moderated ? "yes" : "no", 100.0 * o.targetRegressions() / trials,
                            100.0 * o.targetInconclusive() / trials,
                            100.0 * o.benchmarkRegressions() / (trials * (BENCHMARKS - 1.0)),
                            100.0 * o.runsWithARegression() / trials);
                }
            }
        }
    }

    /**
     * Counts over {@code trials} simulated pairs of runs.
     *
     * @param targetRegressions how often the benchmark under test was a REGRESSION
     * @param benchmarkRegressions REGRESSION rows among all benchmarks that did not change
     * @param runsWithARegression runs where an unchanged benchmark was a REGRESSION
     * @param targetInconclusive how often the benchmark under test was INCONCLUSIVE
     */
    record Outcomes(int trials, int targetRegressions, int benchmarkRegressions, int runsWithARegression,
            int targetInconclusive) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d trials: target REGRESSION %d (%.1f %%), INCONCLUSIVE %d; unchanged"
                    + " benchmarks REGRESSION %d of %d; runs with a false REGRESSION %d", trials, targetRegressions,
                    100.0 * targetRegressions / trials, targetInconclusive, benchmarkRegressions,
                    trials * (BENCHMARKS - 1), runsWithARegression);
        }
    }

    /** Simulates runs of {@value #BENCHMARKS} throughput benchmarks; the target's score drops by {@code drop}. */
    static Outcomes simulate(long seed, int trials, int forks, double drop) {
        return simulate(seed, trials, forks, drop, true);
    }

    /** As above; {@code moderated} false compares each benchmark on its own (no prior from the others). */
    static Outcomes simulate(long seed, int trials, int forks, double drop, boolean moderated) {
        Random random = new Random(seed);
        int target = 0;
        int others = 0;
        int runs = 0;
        int inconclusive = 0;
        for (int t = 0; t < trials; t++) {
            List<JmhResultFile.Entry> before = new ArrayList<>();
            List<JmhResultFile.Entry> after = new ArrayList<>();
            for (int b = 0; b < BENCHMARKS; b++) {
                before.add(entry("b" + b, JmhJson.forks(random, 100, forks, 5, FORK_CV[b], ITERATION_CV)));
                double mean = b == TARGET ? 100 * (1 - drop) : 100;
                after.add(entry("b" + b, JmhJson.forks(random, mean, forks, 5, FORK_CV[b], ITERATION_CV)));
            }
            List<JmhCompareCommand.Row> rows = new ArrayList<>();
            if (moderated) {
                rows.addAll(JmhCompareCommand.rows(before, after, JmhScoreComparison.Settings.DEFAULTS));
            } else {
                for (int b = 0; b < BENCHMARKS; b++) {
                    rows.addAll(JmhCompareCommand.rows(List.of(before.get(b)), List.of(after.get(b)), JmhScoreComparison.Settings.DEFAULTS));
                }
            }
            boolean falseAlarm = false;
            for (int b = 0; b < BENCHMARKS; b++) {
                JmhScoreComparison.Verdict verdict = rows.get(b).outcome();
                if (b == TARGET) {
                    target += verdict == JmhScoreComparison.Verdict.REGRESSION ? 1 : 0;
                    inconclusive += verdict == JmhScoreComparison.Verdict.INCONCLUSIVE ? 1 : 0;
                } else if (verdict == JmhScoreComparison.Verdict.REGRESSION) {
                    others++;
                    falseAlarm = true;
                }
            }
            runs += falseAlarm ? 1 : 0;
        }
        return new Outcomes(trials, target, others, runs, inconclusive);
    }

    static JmhResultFile.Entry entry(String name, double[][] forks) {
        double mean = java.util.Arrays.stream(forks).flatMapToDouble(java.util.Arrays::stream).average().orElseThrow();
        return new JmhResultFile.Entry("com.acme.SimBench." + name, Map.of(), "thrpt", mean, Double.NaN, "ops/ms",
                List.of(forks));
    }
}
