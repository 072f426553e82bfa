package dev.flamegate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void theIntervalNarrowsWithTheSquareRootOfTheRounds() {
        double ten = Precision.relativeHalfWidth(noisy(10, 0.05, 1));
        double forty = Precision.relativeHalfWidth(noisy(40, 0.05, 1));

        assertThat(ten).isBetween(0.02, 0.08);
        assertThat(forty).isLessThan(ten).isBetween(0.01, 0.04);
    }

    @Test
    void quietRoundsArePreciseAndOneSlowRoundDoesNotUndoThat() {
        double[] quiet = noisy(10, 0.01, 2);
        double[] oneSlow = quiet.clone();
        oneSlow[4] *= 3;

        assertThat(Precision.relativeHalfWidth(quiet)).isLessThan(0.015);
        assertThat(Precision.relativeHalfWidth(oneSlow)).isLessThan(0.02);
    }

    @Test
    void constantRoundsAreExactAndTooFewRoundsAreUnknown() {
        assertThat(Precision.relativeHalfWidth(new double[] {5, 5, 5, 5})).isCloseTo(0, within(1e-12));
        assertThat(Precision.relativeHalfWidth(new double[] {5, 6})).isInfinite();
    }

    private static double[] noisy(int n, double cv, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1e6 * Math.exp(cv * random.nextGaussian());
        }
        return values;
    }
}
