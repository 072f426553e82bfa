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

    @Test
    void calibrationRunsSeveralLoopsAndReportsTheirSpread() {
        double[] loops = MachineSpeed.measureLoops();
        assertThat(loops).hasSize(MachineSpeed.LOOPS);
        assertThat(java.util.Arrays.stream(loops).min().orElseThrow()).isPositive();
        assertThat(MachineSpeed.spread(new double[] {100, 100, 100})).isZero();
        // logs 0, log 2: sd log 2 / sqrt 2, over sqrt 2
        assertThat(MachineSpeed.spread(new double[] {1, 2})).isCloseTo(Math.log(2) / 2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(MachineSpeed.calibrationSpread()).isNotNegative();
    }

    @Test
    void theTimeAllowanceGrowsSmoothlyAndMonotonicallyWithTheRatioWithoutAJumpAtTheOldThreshold() {
        double previous = 0;
        for (int step = 0; step <= 2000; step++) {
            double ratio = 1 + step * 0.001;
            double allowance = MachineSpeed.timeAllowance(100_000, 100_000 * ratio, 0.01);
            assertThat(allowance).isGreaterThanOrEqualTo(previous).isBetween(0.0, Math.log(ratio) + 1e-12);
            assertThat(allowance - previous).as("step at ratio %.3f", ratio).isLessThan(0.004);
            assertThat(MachineSpeed.timeAllowance(100_000 * ratio, 100_000, 0.01)).isCloseTo(-allowance, org.assertj.core.data.Offset.offset(1e-12));
            previous = allowance;
        }
        // the two calibrations of one machine: partly and fully explained, neither switches time off
        double at137 = MachineSpeed.timeAllowance(100_000, 137_000, 0.01);
        double at192 = MachineSpeed.timeAllowance(100_000, 192_000, 0.01);
        assertThat(at137).isStrictlyBetween(0.5 * Math.log(1.37), Math.log(1.37));
        assertThat(at192).isCloseTo(Math.log(1.92), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(MachineSpeed.timeAllowance(100_000, 105_000, 0.01)).isZero();
        // a wobblier calibration moves the edge of its own wobble out
        assertThat(MachineSpeed.timeAllowance(100_000, 137_000, 0.05)).isLessThan(at137);
        assertThat(MachineSpeed.timeAllowance(Double.NaN, 137_000, 0.01)).isZero();
    }
}
