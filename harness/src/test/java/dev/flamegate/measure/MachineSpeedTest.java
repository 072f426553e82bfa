package dev.flamegate.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineSpeedTest {

    @Test
    void calibrationIsMeasuredOnceAndPositive() {
        double first = MachineSpeed.calibrationNanos();
        assertThat(first).isPositive().isFinite();
        assertThat(MachineSpeed.calibrationNanos()).isEqualTo(first);
        assertThat(Environment.current("none").calibrationNanos()).isEqualTo(first);
    }

    @Test
    void machinesCompareWithinTheRatioAndWhenEitherIsUnknown() {
        assertThat(MachineSpeed.comparable(100_000, 140_000)).isTrue();
        assertThat(MachineSpeed.comparable(140_000, 100_000)).isTrue();
        assertThat(MachineSpeed.comparable(100_000, 160_000)).isFalse();
        assertThat(MachineSpeed.comparable(160_000, 100_000)).isFalse();
        assertThat(MachineSpeed.comparable(Double.NaN, 300_000)).isTrue();
        assertThat(MachineSpeed.comparable(100_000, Double.NaN)).isTrue();
    }

    @Test
    void theSlowdownIsCurrentOverBaseline() {
        Environment base = Environment.current("none").withCalibrationNanos(200_000);
        assertThat(base.withCalibrationNanos(600_000).slowdownAgainst(base)).isEqualTo(3.0);
        assertThat(base.withCalibrationNanos(600_000).timeComparable(base)).isFalse();
        assertThat(base.withCalibrationNanos(Double.NaN).slowdownAgainst(base)).isNaN();
    }
}
