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

    @Test
    void fileNamesAreSafeAndDistinct() {
        assertThat(BenchmarkKeys.fileName("com.acme.PricingBench.quote[size=100]")).isEqualTo("com.acme.PricingBench.quote[size=100]");
        assertThat(BenchmarkKeys.fileName("com.acme.B.m[size=100]:avgt")).isEqualTo("com.acme.B.m[size=100]@avgt");
        String slashy = BenchmarkKeys.fileName("com.acme.B.m[path=../../etc/passwd]");
        assertThat(slashy).doesNotContain("/").startsWith("com.acme.B.m[path=.._.._etc_passwd]-");
        assertThat(BenchmarkKeys.fileName("com.acme.B.m[k=a b]")).isNotEqualTo(BenchmarkKeys.fileName("com.acme.B.m[k=a_b]"));
        assertThat(BenchmarkKeys.fileName("x".repeat(300))).hasSizeLessThan(140);
    }
}
