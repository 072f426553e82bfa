package dev.flamegate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.numbers.gamma.Trigamma;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class ModeratedVarianceTest {

    @Test
    void trigammaInverseInvertsTrigamma() {
        for (double y : new double[] {0.05, 0.5, 1, 3, 17, 250}) {
            assertThat(ModeratedVariance.trigammaInverse(Trigamma.value(y))).isCloseTo(y, within(1e-6 * y));
        }
    }

    @Test
    void tetragammaMatchesTheDerivativeOfTrigamma() {
        for (double y : new double[] {0.3, 1, 2.5, 12}) {
            double h = 1e-5 * y;
            double numeric = (Trigamma.value(y + h) - Trigamma.value(y - h)) / (2 * h);
            assertThat(ModeratedVariance.polygamma2(y)).isCloseTo(numeric, within(1e-5 * Math.abs(numeric)));
        }
    }

    @Test
    void recoversTheScaledInverseChiSquarePriorTheVariancesWereDrawnFrom() {
        // s_i^2 = sigma_i^2 chi2_d / d with sigma_i^2 = s0^2 d0 / chi2_d0: the textbook hierarchy
        Random random = new Random(11);
        double s0 = 0.0009;
        double d0 = 6;
        int n = 4000;
        double[] variances = new double[n];
        double[] dfs = new double[n];
        ChiSquaredDistribution prior = ChiSquaredDistribution.of(d0);
        ChiSquaredDistribution own = ChiSquaredDistribution.of(4);
        for (int i = 0; i < n; i++) {
            double sigma2 = s0 * d0 / prior.inverseCumulativeProbability(random.nextDouble());
            variances[i] = sigma2 * own.inverseCumulativeProbability(random.nextDouble()) / 4;
            dfs[i] = 4;
        }
        ModeratedVariance fit = ModeratedVariance.estimate(variances, dfs);
        assertThat(fit.priorDf()).isCloseTo(d0, within(1.5));
        assertThat(fit.priorVariance()).isCloseTo(s0, within(0.1 * s0));
        assertThat(fit.pooledDf()).isEqualTo(4.0 * n);
    }

    @Test
    void equalTrueVariancesGiveAnInfinitePriorAndTheCommonVariance() {
        double[] variances = {0.0010, 0.0011, 0.0009, 0.00105, 0.00095};
        ModeratedVariance fit = ModeratedVariance.estimate(variances, new double[] {2, 2, 2, 2, 2});
        assertThat(fit.priorDf()).isInfinite();
        assertThat(fit.posterior(0.5, 2)).isEqualTo(fit.priorVariance());
        assertThat(fit.degreesOfFreedom(2)).isEqualTo(10);
    }

    @Test
    void posteriorLiesBetweenOwnAndPriorVarianceAndNoPriorChangesNothing() {
        ModeratedVariance prior = new ModeratedVariance(0.001, 4, 40);
        assertThat(prior.posterior(0.004, 2)).isCloseTo((4 * 0.001 + 2 * 0.004) / 6, within(1e-15));
        assertThat(prior.degreesOfFreedom(2)).isEqualTo(6);
        assertThat(ModeratedVariance.NONE.posterior(0.004, 2)).isEqualTo(0.004);
        assertThat(ModeratedVariance.NONE.degreesOfFreedom(2)).isEqualTo(2);
    }

    @Test
    void tooFewUsableVariancesGiveNoPrior() {
        assertThat(ModeratedVariance.estimate(new double[] {0.001, 0, Double.NaN, 0.002}, new double[] {2, 2, 2, 2}))
                .isEqualTo(ModeratedVariance.NONE);
    }

    @Test
    void moderatedTTestWithoutPriorIsStudentsPooledTTest() {
        double[] x = {1.0, 1.2, 0.9};
        double[] y = {1.5, 1.4, 1.7};
        ShiftEstimate shift = ModeratedTTest.shift(x, y, ModeratedVariance.NONE, 0.95);
        // pooled variance: (0.0467 + 0.0467) / 4; se = sqrt(v (1/3 + 1/3)); df 4; t_{0.975,4} = 2.776
        double pooled = (0.046666666666666 + 0.046666666666666) / 4;
        double se = Math.sqrt(pooled * 2.0 / 3);
        assertThat(shift.estimate()).isCloseTo(0.5, within(1e-12));
        assertThat(shift.degreesOfFreedom()).isEqualTo(4);
        assertThat(shift.standardError()).isCloseTo(se, within(1e-9));
        assertThat(shift.halfWidth()).isCloseTo(2.7764451 * se, within(1e-6));
    }

    @Test
    void replicatesNeededShrinkTheIntervalToTheTarget() {
        SequentialRule rule = new SequentialRule(0.05, 0.25);
        int n = rule.replicatesNeeded(0.01, ModeratedVariance.NONE, 0.99);
        double[] base = new double[n];
        double[] head = new double[n];
        // n values a side with variance 0.01: alternating +-0.1 around 0
        for (int i = 0; i < n; i++) {
            base[i] = i % 2 == 0 ? 0.1 : -0.1;
            head[i] = base[i];
        }
        assertThat(n).isBetween(3, SequentialRule.REPLICATE_LIMIT - 1);
        ShiftEstimate atN = ModeratedTTest.shift(base, head, new ModeratedVariance(0.01, 1e6, 1e6), 0.99);
        assertThat(Math.expm1(atN.halfWidth())).isLessThanOrEqualTo(0.25);
        assertThat(rule.decide(ShiftEstimate.undefined(0, 0.99))).isEqualTo(SequentialRule.Outcome.NOT_YET_KNOWN);
    }
}
