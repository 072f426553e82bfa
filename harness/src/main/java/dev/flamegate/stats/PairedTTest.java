package dev.flamegate.stats;

import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * The paired t-test on per-pair differences (log scale), with the variance moderated by a prior that the
 * other comparisons of the same run supply ({@link ModeratedVariance}): a pair's two runs share the machine's
 * state, so their difference is free of what separates pairs (the runner's speed, drift during the job).
 */
public final class PairedTTest {

    private PairedTTest() {
    }

    /** The differences' variance around their mean, with {@code n - 1} degrees of freedom (0 when {@code n < 2}). */
    public static ModeratedTTest.Residual residual(double[] differences) {
        if (differences.length < 2) {
            return new ModeratedTTest.Residual(Double.NaN, 0);
        }
        double mean = ModeratedTTest.mean(differences);
        double ss = 0;
        for (double d : differences) {
            ss += (d - mean) * (d - mean);
        }
        return new ModeratedTTest.Residual(ss / (differences.length - 1), differences.length - 1);
    }

    /**
     * The mean difference with its two-sided interval at {@code confidence}, from the larger of the own and the
     * moderated variance, with the moderated degrees of freedom.
     *
     * @param prior the run's prior, or {@link ModeratedVariance#NONE}
     * @return the shift; {@linkplain ShiftEstimate#isDefined() undefined} when no variance can be estimated (one
     *     pair and no prior)
     */
    public static ShiftEstimate shift(double[] differences, ModeratedVariance prior, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (differences.length == 0) {
            return ShiftEstimate.undefined(Double.NaN, confidence);
        }
        double estimate = ModeratedTTest.mean(differences);
        ModeratedTTest.Residual own = residual(differences);
        double ownVariance = own.df() > 0 ? own.variance() : 0;
        double variance = Math.max(ownVariance, prior.posterior(ownVariance, own.df()));
        double df = prior.degreesOfFreedom(own.df());
        if (!(df > 0) || !(variance >= 0)) {
            return ShiftEstimate.undefined(estimate, confidence);
        }
        return ModeratedTTest.interval(estimate, Math.sqrt(variance / differences.length), df, confidence);
    }

    /** The Wilcoxon signed-rank test's two-sided p-value of "no shift"; {@code NaN} for fewer than two differences. */
    public static double signedRankPValue(double[] differences) {
        if (differences.length < 2) {
            return Double.NaN;
        }
        boolean allZero = true;
        for (double d : differences) {
            allZero &= d == 0;
        }
        return allZero ? 1 : WilcoxonSignedRankTest.withDefaults().test(differences).getPValue();
    }
}
