package dev.flamegate.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;

/** The pieces of the sequential fork rule that need no JMH run: the decision, the budget and the merge. */
class SequentialForksTest {

    private static final String ID = "com.acme.PricingBench.quote[size=100]";

    @TempDir
    Path work;

    private GateConfig config(String mode) {
        Map<String, String> properties = new HashMap<>(Map.of(
                GateConfig.MODE_KEY, mode,
                GateConfig.BASELINES_DIR_KEY, work.resolve("baselines").toString(),
                GateConfig.OUTPUT_DIR_KEY, work.resolve("out").toString()));
        return GateConfig.resolve(properties::get, null);
    }

    /** {@code forks} forks around {@code mean} ops/ms with log-normal fork-to-fork noise {@code cv}. */
    private static JmhBenchmark throughput(Random random, double mean, int forks, double cv) {
        Metric score = JmhMeasurements.scoreMetric(Mode.Throughput, "ops/ms");
        List<Round> rounds = new ArrayList<>();
        List<List<Double>> iterations = new ArrayList<>();
        for (int i = 0; i < forks; i++) {
            double value = mean * Math.exp(cv * random.nextGaussian());
            rounds.add(new Round(i, 1000, Map.of(score, value), Map.of(), List.of()));
            iterations.add(List.of(value));
        }
        Measurement measurement = new Measurement(ID, "PricingBench.quote[size=100] (thrpt)", Environment.current("none"), rounds);
        return new JmhBenchmark(ID, Mode.Throughput, measurement, iterations);
    }

    @Test
    void aNoisyBenchmarkIsNotYetKnownAndMoreForksSettleIt() {
        Random random = new Random(3);
        JmhGate.check(List.of(throughput(random, 1000, 5, 0.01)), config("record"));
        // two forks 30 % apart: nothing can be said
        JmhBenchmark two = throughput(random, 1000, 2, 0.3);
        assertThat(JmhGate.notYetKnown(two, config("verify"))).isTrue();
        // the same benchmark with quiet forks added: known
        JmhBenchmark more = JmhMeasurements.withMoreForks(two, throughput(random, 1000, 10, 0.01));
        assertThat(more.measurement().rounds()).hasSize(12).extracting(Round::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(more.iterationScores()).hasSize(12);
        assertThat(JmhGate.check(List.of(more), config("verify")).outcomes().get(0).comparison().verdict())
                .isNotEqualTo(Verdict.INCONCLUSIVE);
        assertThat(JmhGate.notYetKnown(more, config("verify"))).isFalse();
    }

    @Test
    void onlyVerifyWithABaselineAsksForMoreForks() {
        Random random = new Random(4);
        JmhBenchmark noisy = throughput(random, 1000, 2, 0.3);
        assertThat(JmhGate.notYetKnown(noisy, config("verify"))).as("no baseline: more forks fix nothing").isFalse();
        JmhGate.check(List.of(throughput(random, 1000, 5, 0.01)), config("record"));
        assertThat(JmhGate.notYetKnown(noisy, config("record"))).isFalse();
        assertThat(JmhGate.notYetKnown(noisy, config("off"))).isFalse();
    }

    @Test
    void theBudgetIsAtLeastTheForksAndOneBenchmarksBatchRunsOnlyIt() {
        JmhSettings settings = JmhSettings.quick().include("com\\.acme\\..*").forks(3).build();
        assertThat(settings.maxForks()).isEqualTo(3);
        JmhSettings budget = JmhSettings.quick().include("com\\.acme\\..*").forks(3).maxForks(12).build();
        assertThat(budget.maxForks()).isEqualTo(12);
        JmhSettings one = budget.forOne("com.acme.PricingBench.quote", Map.of("size", "100"), 3);
        assertThat(one.includes()).containsExactly("^\\Qcom.acme.PricingBench.quote\\E$");
        assertThat(one.params()).containsExactly(Map.entry("size", List.of("100")));
        assertThat(one.forks()).isEqualTo(3);
        assertThat(one.maxForks()).isEqualTo(3);
        assertThat("com.acme.PricingBench.quoteAll").doesNotMatch(one.includes().get(0));
    }

    @Test
    void forksOfAnotherBenchmarkAreNotMerged() {
        Random random = new Random(5);
        JmhBenchmark a = throughput(random, 1000, 2, 0.01);
        JmhBenchmark other = new JmhBenchmark("com.acme.Other.m", Mode.Throughput, a.measurement(), a.iterationScores());
        assertThatThrownBy(() -> JmhMeasurements.withMoreForks(a, other)).hasMessageContaining("cannot add forks");
    }
}
