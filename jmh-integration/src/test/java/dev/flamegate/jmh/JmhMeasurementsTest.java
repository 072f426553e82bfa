package dev.flamegate.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.measure.Metric;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

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
}
