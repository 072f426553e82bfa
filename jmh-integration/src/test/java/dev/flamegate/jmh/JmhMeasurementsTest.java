package dev.flamegate.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.measure.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

class JmhMeasurementsTest {

    @Test
    void throughputIsBetterHigherAndEveryTimeModeLower() {
        assertThat(JmhMeasurements.scoreMetric(Mode.Throughput, "ops/s").better()).isEqualTo(Metric.Better.HIGHER);
        assertThat(JmhMeasurements.scoreMetric(Mode.AverageTime, "us/op").better()).isEqualTo(Metric.Better.LOWER);
        assertThat(JmhMeasurements.scoreMetric(Mode.SampleTime, "us/op").better()).isEqualTo(Metric.Better.LOWER);
        assertThat(JmhMeasurements.scoreMetric(Mode.SingleShotTime, "ms/op").better()).isEqualTo(Metric.Better.LOWER);
        Metric throughput = JmhMeasurements.scoreMetric(Mode.Throughput, "ops/s");
        assertThat(throughput.isWorse(100, 90)).isTrue();
        assertThat(JmhMeasurements.scoreMetric(Mode.AverageTime, "us/op").isWorse(100, 90)).isFalse();
        assertThat(throughput).isEqualTo(Metric.score("ops/s", Metric.Better.HIGHER));
    }

    @Test
    void secretsInParameterValuesReachNeitherTheIdNorTheDisplayName(@TempDir Path profiles) {
        String secret = "PlantedJmhSecret4";
        WorkloadParams workload = new WorkloadParams();
        workload.put("dbUrl", "jdbc:postgresql://app:" + secret + "@db/x", 0);
        workload.put("apiKey", "sk_live_PlantedStripe0123456789", 1);
        IterationParams iteration = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.seconds(1), 1);
        BenchmarkParams params = new BenchmarkParams("com.acme.Bench.run", "generated", false, 1, new int[] {1},
                List.of(), 1, 0, iteration, iteration, Mode.Throughput, workload, TimeUnit.SECONDS, 1, "java", List.of(),
                "17", "vm", "1", "1.37", TimeValue.minutes(1));
        IterationResult result = new IterationResult(params, iteration, new IterationResultMetaData(1000, 1000));
        result.addResult(new ThroughputResult(ResultRole.PRIMARY, "run", 1000, 1_000_000_000L, TimeUnit.SECONDS));
        RunResult run = new RunResult(params, List.of(new BenchmarkResult(params, List.of(result))));

        JmhBenchmark benchmark = JmhMeasurements.from(List.of(run), profiles).get(0);

        assertThat(benchmark.id()).startsWith("com.acme.Bench.run[").contains("[REDACTED]")
                .doesNotContain(secret).doesNotContain("sk_live_");
        assertThat(benchmark.measurement().id()).isEqualTo(benchmark.id());
        assertThat(benchmark.measurement().displayName()).startsWith("Bench.run[").doesNotContain(secret).doesNotContain("sk_live_");
    }
}
