package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueFormatTest {

    @Test
    void scalesTimesBytesAndKeepsOtherUnits() {
        assertThat(ValueFormat.value(28_506, "us/op")).isEqualTo("28.5 ms/op");
        assertThat(ValueFormat.value(1_480_800, "ns/op")).isEqualTo("1.48 ms/op");
        assertThat(ValueFormat.value(0.5, "s/op")).isEqualTo("500 ms/op");
        assertThat(ValueFormat.value(2_080_000, "B/op")).isEqualTo("1.98 MiB/op");
        assertThat(ValueFormat.value(412.5, "ops/ms")).isEqualTo("413 ops/ms");
        assertThat(ValueFormat.value(Double.NaN, "ns/op")).isEqualTo("—");
    }

    @Test
    void formatsChangesSharesAndConfidence() {
        assertThat(ValueFormat.change(0.234)).isEqualTo("+23.4%");
        assertThat(ValueFormat.change(-0.05)).isEqualTo("-5.0%");
        assertThat(ValueFormat.share(0.315)).isEqualTo("31.5%");
        assertThat(ValueFormat.confidence(0.9996)).isEqualTo(">99.9%");
        assertThat(ValueFormat.confidence(0.39)).isEqualTo("39.0%");
        assertThat(ValueFormat.pValue(0.00001)).isEqualTo("<0.0001");
    }
}
