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
import dev.flamegate.compare.Verdict;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

    private static final String RENDER = "java.lang.Thread.run;com.acme.Bench.render;com.acme.Writer.render";

    /**
     * One side of a pair: five JMH forks of a benchmark whose {@code row} holds 39 % of the work, {@code cells} 30 %,
     * {@code render} itself the rest; each fork its own JVM, so its shares move by 0.12 (log-odds) and its score by
     * 15 %, about what this project's renderQuotes forks do on a 2-core runner.
     */
    private static Baseline forks(SplittableRandom random, double rowCost) {
        List<Round> rounds = new ArrayList<>();
        for (int fork = 0; fork < 5; fork++) {
            double row = 0.39 * rowCost * Math.exp(0.12 * random.nextGaussian());
            double cells = 0.30 * Math.exp(0.12 * random.nextGaussian());
            double self = 0.31;
            double work = row + cells + self;
            Profile.Builder profile = Profile.builder(Event.CPU);
            profile.add(RENDER + ";com.acme.Writer.row", Math.round(2000 * row / work));
            profile.add(RENDER + ";com.acme.Writer.cells", Math.round(2000 * cells / work));
            profile.add(RENDER, Math.round(2000 * self / work));
            double score = 250 / work * Math.exp(0.15 * random.nextGaussian());
            rounds.add(new Round(fork, 1000, Map.of(SCORE, score), Map.of(Event.CPU, profile.build()), List.of()));
        }
        return Baseline.from(new Measurement(ID, "quote", FakeSides.ENV, rounds), BaselineOptions.defaults());
    }

    private static Comparison pairs(SplittableRandom random, int count, double headRowCost) {
        List<PairedRuns> pairs = new ArrayList<>();
        for (int pair = 1; pair <= count; pair++) {
            pairs.add(new PairedRuns(pair, pair % 2 == 1, forks(random, 1), forks(random, headRowCost)));
        }
        return AbComparator.compare(pairs, CompareSettings.defaults(), 0.06, Map.of(), 0.99, new ArrayList<>()).comparison();
    }

    @Test
    void aBenchmarksForksAreTheReplicatesOfItsPathSharesSoFourPairsCatchAnExistingMethodTenPercentSlower() {
        SplittableRandom random = new SplittableRandom(21);
        int caught = 0;
        for (int trial = 0; trial < 20; trial++) {
            // row 26 % slower: 10 % more work for the benchmark, no new frame, and a score too noisy to tell
            Comparison c = pairs(random, 4, 1.26);
            if (c.verdict() == Verdict.REGRESSION) {
                caught++;
                assertThat(c.frames()).extracting(f -> f.leaf()).contains("com.acme.Writer.row");
            }
        }
        assertThat(caught).as("caught in 20 A/B runs of four pairs").isGreaterThanOrEqualTo(19);
    }

    @Test
    void unchangedForksInTwoOrFourPairsRaiseNoAlarm() {
        SplittableRandom random = new SplittableRandom(22);
        int alarms = 0;
        for (int trial = 0; trial < 100; trial++) {
            if (pairs(random, 2 + 2 * (trial % 2), 1).verdict() == Verdict.REGRESSION) {
                alarms++;
            }
        }
        assertThat(alarms).as("false alarms in 100 unchanged A/B runs").isLessThanOrEqualTo(2);
    }
}
