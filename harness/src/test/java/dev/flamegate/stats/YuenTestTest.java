package dev.flamegate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class YuenTestTest {

    @Test
    void trimmedMeanAndWinsorisedVarianceIgnoreOneOutlierInFive() {
        double[] values = {10, 11, 12, 13, 1000};

        assertThat(RobustStatistics.trimmedMean(values)).isEqualTo(12.0);
        // winsorised: 11, 11, 12, 13, 13 → mean 12, squares 1+1+0+1+1 = 4, / 4
        assertThat(RobustStatistics.winsorisedVariance(values)).isEqualTo(1.0);
    }

    @Test
    void withoutFloorMatchesYuensFormula() {
        double[] a = {10, 11, 12, 13, 14};
        double[] b = {15, 16, 17, 18, 19};
        ShiftEstimate s = YuenTest.absolute(a, b, 0, 0.95);

        // d = (n-1) s_w^2 / (h (h-1)) = 4 * 1.0 / 6 per side (winsorised 11,11,12,13,13 has variance 1.0)
        assertThat(s.estimate()).isEqualTo(5.0);
        assertThat(s.standardError()).isCloseTo(Math.sqrt(2 * 4.0 / 6), within(1e-12));
        assertThat(s.degreesOfFreedom()).isCloseTo(4.0, within(1e-9));
        assertThat(s.significantlyAbove()).isTrue();
    }

    @Test
    void noiseFloorWidensTheInterval() {
        double[] a = {100, 100.1, 99.9, 100, 100};
        double[] b = {103, 103.1, 102.9, 103, 103};

        assertThat(YuenTest.relative(a, b, 0, 0.99).significantlyAbove()).isTrue();
        assertThat(YuenTest.relative(a, b, 0.02, 0.99).significantlyAbove()).isFalse();
    }

    @Test
    void tooFewRoundsAreUndefined() {
        assertThat(YuenTest.absolute(new double[] {1}, new double[] {2, 3}, 0.01, 0.99).isDefined()).isFalse();
    }
}
