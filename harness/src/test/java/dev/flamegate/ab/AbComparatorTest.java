package dev.flamegate.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.FrameChange;
import dev.flamegate.compare.MetricChange;
import dev.flamegate.compare.Verdict;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AbComparatorTest {

    private static final String ID = "com.example.PricingBench.quote";
    private static final Metric SCORE = Metric.score("ops/s", Metric.Better.HIGHER);

    private static Baseline run(Metric metric, double... rounds) {
        List<Round> list = new ArrayList<>();
        for (int i = 0; i < rounds.length; i++) {
            list.add(new Round(i, 1, Map.of(metric, rounds[i]), Map.of(), List.of()));
        }
        return Baseline.from(new Measurement(ID, "quote", FakeSides.ENV, list), BaselineOptions.defaults());
    }

    @Test
    void aBenchmarksBestForkIsItsCostSoAForkSlowedByTheMachineDoesNotDecideThePair() {
        // base: five forks near 100 ops/s, one of which ran while the VM was slow (25); head: 10 % slower forks
        PairedRuns pair = new PairedRuns(1, true, run(SCORE, 99, 98, 25, 100, 97), run(SCORE, 90, 88, 89, 87, 90));

        double ratio = Math.exp(AbComparator.logRatios("score", List.of(pair))[0]);

        assertThat(ratio).isCloseTo(0.90, within(0.001));
    }

    @Test
    void aSideWithMoreForksDoesNotLookFaster() {
        // the same 10 % slowdown, but head ran three more forks, one of them lucky
        PairedRuns pair = new PairedRuns(1, false, run(SCORE, 100, 95, 96),
                run(SCORE, 90, 85, 86, 99, 99, 99));

        double ratio = Math.exp(AbComparator.logRatios("score", List.of(pair))[0]);

        assertThat(ratio).isCloseTo(0.90, within(0.001));
    }

    @Test
    void aTestsRoundsShareOneJvmSoTheBestOfTheFirstKRoundsIsItsCost() {
        // base: 10 ms with two rounds slowed by the host; head: 11 ms, and three more rounds than base
        PairedRuns pair = new PairedRuns(1, false, run(Metric.CPU_TIME, 10e6, 25e6, 10.1e6, 18e6),
                run(Metric.CPU_TIME, 11e6, 11.2e6, 30e6, 11.1e6, 5e6, 5e6, 5e6));

        double ratio = Math.exp(AbComparator.logRatios("cpu.time", List.of(pair))[0]);

        assertThat(ratio).as("head's later, faster rounds are beyond base's four and not counted").isCloseTo(1.10, within(0.001));
    }

    @Test
    void twoPairsGiveTimeNoIntervalAndNoVerdictButThreeDo() {
        List<PairedRuns> pairs = List.of(
                new PairedRuns(1, true, run(SCORE, 100, 99, 98), run(SCORE, 90, 89, 88)),
                new PairedRuns(2, false, run(SCORE, 101, 100, 99), run(SCORE, 91.5, 90, 89)),
                new PairedRuns(3, true, run(SCORE, 99, 98, 97), run(SCORE, 89, 88.5, 88)));

        Comparison two = AbComparator.compare(pairs.subList(0, 2), CompareSettings.defaults(), 0.06, Map.of(), 0.99,
                new ArrayList<>()).comparison();
        Comparison three = AbComparator.compare(pairs, CompareSettings.defaults(), 0.06, Map.of(), 0.99,
                new ArrayList<>()).comparison();

        // one degree of freedom: a t interval at 99 % would run from about -100 % to thousands of per cent
        MetricChange twoScore = two.metric("score").orElseThrow();
        assertThat(twoScore.status()).isEqualTo(MetricChange.Status.UNCERTAIN);
        assertThat(twoScore.ciLower()).isNaN();
        assertThat(twoScore.relativeChange()).isCloseTo(-0.10, within(0.01));
        assertThat(two.headline()).contains("INCONCLUSIVE", "too few rounds to tell the change of score");
        MetricChange threeScore = three.metric("score").orElseThrow();
        assertThat(threeScore.status()).isEqualTo(MetricChange.Status.REGRESSED);
        assertThat(threeScore.ciLower()).isBetween(-0.2, -0.1);
        assertThat(threeScore.ciUpper()).isBetween(-0.1, -0.05);
    }

    private static final String RENDER = "java.lang.Thread.run;com.acme.Bench.render;com.acme.Writer.render";

    /**
     * One side of a pair: five JMH forks of a benchmark whose {@code row} holds 39 % of the work, {@code cells} 30 %,
     * {@code render} itself the rest; each fork its own JVM, so its shares move by 0.12 (log-odds) and its score by
     * 15 %, about what this project's renderQuotes forks do on a 2-core runner.
     */
    private static Baseline forks(SplittableRandom random, double rowCost) {
        Map<String, Double> work = new LinkedHashMap<>();
        work.put(RENDER + ";com.acme.Writer.row", 0.39 * rowCost);
        work.put(RENDER + ";com.acme.Writer.cells", 0.30);
        return forks(random, work, 0.31);
    }

    /** Five forks whose stacks do {@code work} each (moved by 0.12 in log per fork) and {@code render} itself {@code self}. */
    private static Baseline forks(SplittableRandom random, Map<String, Double> work, double self) {
        List<Round> rounds = new ArrayList<>();
        for (int fork = 0; fork < 5; fork++) {
            Map<String, Double> done = new LinkedHashMap<>();
            work.forEach((stack, mean) -> done.put(stack, mean * Math.exp(0.12 * random.nextGaussian())));
            double total = self + done.values().stream().mapToDouble(Double::doubleValue).sum();
            Profile.Builder profile = Profile.builder(Event.CPU);
            done.forEach((stack, w) -> profile.add(stack, Math.round(2000 * w / total)));
            profile.add(RENDER, Math.round(2000 * self / total));
            double score = 250 / total * Math.exp(0.15 * random.nextGaussian());
            rounds.add(new Round(fork, 1000, Map.of(SCORE, score), Map.of(Event.CPU, profile.build()), List.of()));
        }
        return Baseline.from(new Measurement(ID, "quote", FakeSides.ENV, rounds), BaselineOptions.defaults());
    }

    private static Comparison pairs(SplittableRandom random, int count, double headRowCost) {
        return pairs(count, () -> forks(random, 1), () -> forks(random, headRowCost));
    }

    private static Comparison pairs(int count, Supplier<Baseline> base, Supplier<Baseline> head) {
        List<PairedRuns> pairs = new ArrayList<>();
        for (int pair = 1; pair <= count; pair++) {
            pairs.add(new PairedRuns(pair, pair % 2 == 1, base.get(), head.get()));
        }
        return AbComparator.compare(pairs, CompareSettings.defaults(), 0.06, Map.of(), 0.99, new ArrayList<>()).comparison();
    }

    /** The simulated A/B runs, trial 0 to {@code trials - 1} in order, that ended in a REGRESSION. */
    private static List<Comparison> regressions(int trials, IntFunction<Comparison> trial) {
        List<Comparison> regressions = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            Comparison c = trial.apply(i);
            if (c.verdict() == Verdict.REGRESSION) {
                regressions.add(c);
            }
        }
        return regressions;
    }

    @Test
    void aBenchmarksForksAreTheReplicatesOfItsPathSharesSoFourPairsCatchAnExistingMethodTenPercentSlower() {
        SplittableRandom random = new SplittableRandom(21);
        // row 26 % slower: 10 % more work for the benchmark, no new frame, and a score too noisy to tell
        List<Comparison> caught = regressions(20, trial -> pairs(random, 4, 1.26));

        assertThat(caught).as("caught in 20 A/B runs of four pairs").hasSizeGreaterThanOrEqualTo(19)
                .allSatisfy(c -> assertThat(c.frames()).extracting(f -> f.leaf()).contains("com.acme.Writer.row"));
    }

    @Test
    void unchangedForksInTwoOrFourPairsRaiseNoAlarm() {
        SplittableRandom random = new SplittableRandom(22);
        List<Comparison> alarms = regressions(100, trial -> pairs(random, 2 + 2 * (trial % 2), 1));

        assertThat(alarms).as("false alarms in 100 unchanged A/B runs").hasSizeLessThanOrEqualTo(2);
    }

    /**
     * Forks of a benchmark whose {@code row} calls {@code format} for most of its time and does 3 % of the work itself;
     * {@code rowSelfCost} scales that own part. Spreads as in {@link #forks(SplittableRandom, double)}.
     */
    private static Baseline forksWithCallee(SplittableRandom random, double rowSelfCost) {
        Map<String, Double> work = new LinkedHashMap<>();
        work.put(RENDER + ";com.acme.Writer.row", 0.03 * rowSelfCost);
        work.put(RENDER + ";com.acme.Writer.row;com.acme.Writer.format", 0.33);
        work.put(RENDER + ";com.acme.Writer.cells", 0.30);
        return forks(random, work, 0.34);
    }

    private static Comparison pairsWithCallee(SplittableRandom random, int count, double headRowSelfCost) {
        return pairs(count, () -> forksWithCallee(random, 1), () -> forksWithCallee(random, headRowSelfCost));
    }

    @Test
    void aMethodWhoseOwnCodeGotSlowerIsCaughtByItsSelfShareThoughItsCalleeHidesItInItsTotal() {
        SplittableRandom random = new SplittableRandom(23);
        // row's own code 2.5 x: 4.5 % more work for the benchmark; row's inclusive share moves by a tenth
        List<Comparison> caught = regressions(20, trial -> pairsWithCallee(random, 4, 2.5));

        assertThat(caught).as("caught in 20 A/B runs of four pairs").hasSizeGreaterThanOrEqualTo(19).allSatisfy(c -> {
            assertThat(c.frames().get(0).leaf()).isEqualTo("com.acme.Writer.row");
            assertThat(c.frames().get(0).basis()).isEqualTo(FrameChange.Basis.SELF);
        });
    }

    @Test
    void unchangedForksWithACalleeRaiseNoAlarm() {
        SplittableRandom random = new SplittableRandom(24);
        List<Comparison> alarms = regressions(100, trial -> pairsWithCallee(random, 2 + 2 * (trial % 2), 1));

        assertThat(alarms).as("false alarms in 100 unchanged A/B runs").hasSizeLessThanOrEqualTo(2);
    }
}
