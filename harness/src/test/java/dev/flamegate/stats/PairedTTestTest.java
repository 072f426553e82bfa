package dev.flamegate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.inference.TTest;
import org.junit.jupiter.api.Test;

class PairedTTestTest {

    private static final double[] DIFFERENCES = {0.08, 0.11, 0.12, 0.09};

    @Test
    void withoutAPriorItIsTheOneSampleTTestOnTheDifferences() {
        ShiftEstimate shift = PairedTTest.shift(DIFFERENCES, ModeratedVariance.NONE, 0.99);

        assertThat(shift.estimate()).isCloseTo(0.10, within(1e-12));
        assertThat(shift.degreesOfFreedom()).isEqualTo(3);
        assertThat(shift.pValue()).isCloseTo(TTest.withDefaults().test(DIFFERENCES).getPValue(), within(1e-12));
        assertThat(shift.significantlyAbove()).isTrue();
    }

    @Test
    void onePairInAnotherJvmModeDoesNotDecideFromFivePairsOn() {
        // head 12 % slower in nine pairs; one pair's head JVM settled 60 % slower
        double[] withOutlier = {0.12, 0.47, 0.11, 0.13, 0.12, 0.10, 0.13, 0.11, 0.12, 0.12};
        ShiftEstimate trimmed = PairedTTest.shift(withOutlier, ModeratedVariance.NONE, 0.995);
        double mean = java.util.Arrays.stream(withOutlier).average().orElseThrow();

        assertThat(trimmed.estimate()).isCloseTo(0.12, within(0.005));
        assertThat(trimmed.degreesOfFreedom()).isEqualTo(5);
        assertThat(trimmed.significantlyAbove()).isTrue();
        // the plain paired t-test would be pulled to the outlier and widened by it
        assertThat(TTest.withDefaults().test(withOutlier).getPValue()).isGreaterThan(trimmed.pValue());
        assertThat(mean).isGreaterThan(0.15);
    }

    @Test
    void aPriorFromTheOtherTestsAddsDegreesOfFreedomSoTwoPairsCanDecide() {
        double[] two = {0.10, 0.12};
        ModeratedVariance prior = new ModeratedVariance(1e-4, 20, 60);

        ShiftEstimate alone = PairedTTest.shift(two, ModeratedVariance.NONE, 0.99);
        ShiftEstimate moderated = PairedTTest.shift(two, prior, 0.99);

        assertThat(alone.significantlyAbove()).isFalse();
        assertThat(moderated.degreesOfFreedom()).isEqualTo(21);
        assertThat(moderated.significantlyAbove()).isTrue();
    }

    @Test
    void onePairWithoutAPriorSaysNothingAndIdenticalPairsAreExact() {
        assertThat(PairedTTest.shift(new double[] {0.2}, ModeratedVariance.NONE, 0.99).isDefined()).isFalse();
        ShiftEstimate same = PairedTTest.shift(new double[] {0.05, 0.05, 0.05}, ModeratedVariance.NONE, 0.99);
        assertThat(same.lower()).isCloseTo(0.05, within(1e-9));
        assertThat(PairedTTest.signedRankPValue(new double[] {0, 0, 0})).isEqualTo(1);
        assertThat(PairedTTest.signedRankPValue(new double[] {0.08, 0.11, 0.12, 0.09, 0.10, 0.13})).isLessThan(0.05);
    }
}
