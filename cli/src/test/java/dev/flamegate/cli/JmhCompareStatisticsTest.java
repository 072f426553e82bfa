package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code jmh-compare} decides on JMH result files with few forks: the moderated fork-to-fork variance,
 * the three-outcome rule and the closing line, against generated files and seeded simulations.
 *
 * <p>Simulated noise, stated: each fork's level is log-normal around the true score with a fork-to-fork
 * coefficient of variation (CV) of 1-5 % per benchmark (the benchmark under test: 3 %), each of 5 iterations
 * log-normal around its fork's level with 1 %. A run holds eight benchmarks ({@link JmhForkSimulation}).
 */
class JmhCompareStatisticsTest {

    static final int BENCHMARKS = JmhForkSimulation.BENCHMARKS;
    static final double[] FORK_CV = JmhForkSimulation.FORK_CV;
    static final double ITERATION_CV = JmhForkSimulation.ITERATION_CV;

    @TempDir
    Path temp;

    @Test
    void aHalvedThroughputWithTwoForksASideIsARegressionAndTheSummaryNeverSaysNoRegression() {
        // the measured case: 19.6 -> 9.5 ops/us in every iteration of both forks
        Path base = new JmhJson().add("com.acme.Bench.hash", "thrpt", "ops/us",
                new double[][] {{19.2, 19.5, 19.7, 19.4, 19.6}, {19.9, 19.8, 19.6, 20.0, 19.7}}).write(temp.resolve("base.json"));
        Path head = new JmhJson().add("com.acme.Bench.hash", "thrpt", "ops/us",
                new double[][] {{9.4, 9.6, 9.5, 9.3, 9.5}, {9.6, 9.7, 9.4, 9.5, 9.6}}).write(temp.resolve("new.json"));
        JmhCompareCommandTest.Run run = JmhCompareCommandTest.run(base.toString(), head.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(run.out()).contains("-51.6%").contains("REGRESSION (p=").endsWith("1 regression(s).\n")
                .doesNotContainIgnoringCase("no regression");
    }

    @Test
    void whenNothingCanResolveTheChangeTheRowSaysHowManyForksWouldAndNoLineSaysNoRegression() {
        // two forks that differ by 40 %: no interval from them can vouch for a 25 % change
        Path base = new JmhJson().add("com.acme.Bench.io", "avgt", "ms/op",
                new double[][] {{10, 10.2, 9.9}, {14, 14.1, 13.8}}).write(temp.resolve("base.json"));
        Path head = new JmhJson().add("com.acme.Bench.io", "avgt", "ms/op",
                new double[][] {{10.5, 10.4, 10.6}, {14.6, 14.4, 14.8}}).write(temp.resolve("new.json"));
        JmhCompareCommandTest.Run run = JmhCompareCommandTest.run(base.toString(), head.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern("INCONCLUSIVE \\(could detect ±[0-9.]+%; not yet known: run [0-9]+ more fork\\(s\\) a side\\)")
                .containsPattern("1 benchmark\\(s\\) INCONCLUSIVE \\(smallest detectable change ±[0-9.]+%\\): no verdict on them; run more forks")
                .doesNotContainIgnoringCase("no regression");
    }

    @Test
    void theOtherBenchmarksOfTheRunNarrowTheIntervalOfOneWithTwoForks() {
        Random random = new Random(7);
        List<JmhResultFile.Entry> before = new ArrayList<>();
        List<JmhResultFile.Entry> after = new ArrayList<>();
        for (int b = 0; b < BENCHMARKS; b++) {
            before.add(JmhForkSimulation.entry("b" + b, JmhJson.forks(random, 100, 2, 5, FORK_CV[b], ITERATION_CV)));
            after.add(JmhForkSimulation.entry("b" + b, JmhJson.forks(random, 100, 2, 5, FORK_CV[b], ITERATION_CV)));
        }
        var settings = JmhScoreComparison.Settings.DEFAULTS;
        List<JmhScoreComparison.Pair> pairs = new ArrayList<>();
        for (int b = 0; b < BENCHMARKS; b++) {
            pairs.add(new JmhScoreComparison.Pair(before.get(b), after.get(b)));
        }
        var prior = JmhScoreComparison.prior(pairs);
        assertThat(prior.hasPrior()).isTrue();
        double moderated = 0;
        double alone = 0;
        for (JmhScoreComparison.Pair pair : pairs) {
            moderated += Math.log(JmhScoreComparison.compare(pair, true, prior, settings).detectable());
            alone += Math.log(JmhScoreComparison.compare(pair.before(), pair.after(), true, settings).detectable());
        }
        // the geometric mean of the smallest detectable change shrinks by more than a third
        assertThat(Math.exp(moderated / BENCHMARKS)).isLessThan(2.0 / 3 * Math.exp(alone / BENCHMARKS));
    }

    @Test
    void aaWithFiveForksASideIsARegressionAtMostOnceInTwenty() {
        JmhForkSimulation.Outcomes aa = JmhForkSimulation.simulate(20240601L, 400, 5, 0);
        System.out.printf(Locale.ROOT, "A/A, 5 forks a side: %s%n", aa);
        assertThat(aa.targetRegressions()).isLessThanOrEqualTo(aa.trials() / 20);
        assertThat(aa.benchmarkRegressions()).isLessThanOrEqualTo(aa.trials() * BENCHMARKS / 20);
        assertThat(aa.runsWithARegression()).isLessThanOrEqualTo(aa.trials() / 20);
    }

    @Test
    void fiveForksASideCatchATenPercentDropInAtLeastNineOfTen() {
        JmhForkSimulation.Outcomes ten = JmhForkSimulation.simulate(424242L, 10, 5, 0.10);
        assertThat(ten.targetRegressions()).isGreaterThanOrEqualTo(9);
        JmhForkSimulation.Outcomes many = JmhForkSimulation.simulate(424243L, 400, 5, 0.10);
        System.out.printf(Locale.ROOT, "10 %% drop, 5 forks a side: %s%n", many);
        assertThat(many.targetRegressions()).isGreaterThanOrEqualTo(many.trials() * 9 / 10);
    }

    @Test
    void twoForksASideCatchAHalvedThroughputAlways() {
        JmhForkSimulation.Outcomes halved = JmhForkSimulation.simulate(99L, 200, 2, 0.5);
        System.out.printf(Locale.ROOT, "50 %% drop, 2 forks a side: %s%n", halved);
        assertThat(halved.targetRegressions()).isEqualTo(halved.trials());
    }

}
