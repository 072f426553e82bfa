package dev.flamegate.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
