package dev.flamegate.stats;

import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * The paired test on per-pair differences (log scale): Yuen's one-sample test on the 20 %-trimmed mean, with the
 * winsorised variance moderated by a prior that the other comparisons of the same run supply
 * ({@link ModeratedVariance}). A pair's two runs share the machine's state, so their difference is free of what
 * separates pairs (the runner's speed, drift during the job); trimming keeps one pair whose JVM settled into another
 * mode (one in ten, +50 %) from deciding. Below five pairs nothing is trimmed: it is the paired t-test.
 */
public final class PairedTTest {

    private PairedTTest() {
    }

    /**
     * The differences' spread as one pair's variance, {@code n s_w² / h} (winsorised variance {@code s_w²}, {@code h}
     * pairs left after trimming), with {@code h - 1} degrees of freedom (0 when {@code n < 2}): the scale on which
     * tests with different numbers of pairs pool.
     */
    public static ModeratedTTest.Residual residual(double[] differences) {
        int n = differences.length;
        if (n < 2) {
            return new ModeratedTTest.Residual(Double.NaN, 0);
        }
        int h = n - 2 * RobustStatistics.trimCount(n);
        return new ModeratedTTest.Residual(RobustStatistics.winsorisedVariance(differences) * n / h, h - 1);
    }

    /**
     * The trimmed mean difference with its two-sided interval at {@code confidence}, from the larger of the own and
     * the moderated variance, with the moderated degrees of freedom.
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
        double estimate = RobustStatistics.trimmedMean(differences);
        ModeratedTTest.Residual own = residual(differences);
        double ownVariance = own.df() > 0 ? own.variance() : 0;
        double variance = Math.max(ownVariance, prior.posterior(ownVariance, own.df()));
        double df = prior.degreesOfFreedom(own.df());
        if (!(df > 0) || !(variance >= 0)) {
            return ShiftEstimate.undefined(estimate, confidence);
        }
        int h = differences.length - 2 * RobustStatistics.trimCount(differences.length);
        return ModeratedTTest.interval(estimate, Math.sqrt(variance / h), df, confidence);
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
