package dev.flamegate.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The two-sample t-test with a pooled, {@linkplain ModeratedVariance moderated} residual variance: the shift
 * of the means of two samples of independent replicates (JMH forks, fresh-JVM runs), with the replicates'
 * residual variance shrunk towards the prior of the whole run. Without a prior it is Student's pooled t-test.
 *
 * <p>Why pooled and not Welch: with two or three replicates a side, Welch's degrees of freedom fall to about
 * one (a 99 % critical value of 64). Replicates of the same benchmark on the same machine have, on the log
 * scale, about the same spread before and after a change, so pooling both sides' residuals is sound and
 * doubles the degrees of freedom; the moderation then adds the run's prior on top.
 *
 * <p>The moderated variance is never taken below the replicates' own: benchmarks of one run differ in noise
 * (1-5 % fork-to-fork), and shrinking a noisy one towards the quieter rest made its false alarms several times
 * the nominal rate in simulation. So the prior lifts a variance that is small by luck and adds degrees of
 * freedom, but does not narrow an interval below what the benchmark's own forks show.
 */
public final class ModeratedTTest {

    private ModeratedTTest() {
    }

    /**
     * The residual variance of two samples around their own means.
     *
     * @param variance the pooled within-sample variance, {@code (SS_before + SS_after) / df}
     * @param df {@code n_before + n_after - 2}
     */
    public record Residual(double variance, double df) {
    }

    /** The pooled residual of {@code before} and {@code after}; degrees of freedom 0 when there are none. */
    public static Residual residual(double[] before, double[] after) {
        double df = before.length + after.length - 2.0;
        if (before.length == 0 || after.length == 0 || df <= 0) {
            return new Residual(Double.NaN, 0);
        }
        return new Residual((sumOfSquares(before) + sumOfSquares(after)) / df, df);
    }

    /**
     * The shift {@code mean(after) - mean(before)} with its interval, from the larger of the own and the moderated
     * residual variance, with the moderated degrees of freedom.
     *
     * @param prior the run's prior, or {@link ModeratedVariance#NONE}
     * @param confidence level of the two-sided interval, in (0, 1)
     * @return the shift; {@linkplain ShiftEstimate#isDefined() undefined} when no variance can be estimated
     */
    public static ShiftEstimate shift(double[] before, double[] after, ModeratedVariance prior, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (before.length == 0 || after.length == 0) {
            return ShiftEstimate.undefined(Double.NaN, confidence);
        }
        double estimate = mean(after) - mean(before);
        Residual own = residual(before, after);
        double ownVariance = own.df() > 0 ? own.variance() : 0;
        double variance = Math.max(ownVariance, prior.posterior(ownVariance, own.df()));
        double df = prior.degreesOfFreedom(own.df());
        if (!(df > 0) || !(variance >= 0)) {
            return ShiftEstimate.undefined(estimate, confidence);
        }
        return interval(estimate, Math.sqrt(variance * (1.0 / before.length + 1.0 / after.length)), df, confidence);
    }

    /** The t interval and two-sided p-value of {@code estimate} with standard error {@code se}. */
    static ShiftEstimate interval(double estimate, double se, double df, double confidence) {
        if (se == 0) {
            return new ShiftEstimate(estimate, estimate, estimate, 0, df, estimate == 0 ? 1 : 0, confidence);
        }
        TDistribution t = TDistribution.of(df);
        double critical = t.inverseSurvivalProbability((1 - confidence) / 2);
        double p = Math.min(1, 2 * t.survivalProbability(Math.abs(estimate) / se));
        return new ShiftEstimate(estimate, estimate - critical * se, estimate + critical * se, se, df, p, confidence);
    }

    /**
     * How many replicates a side would make the interval's half-width at most {@code halfWidth}, when the
     * replicates' moderated variance is {@code variance}; at most {@code limit} (returned when even that is
     * not enough).
     */
    public static int replicatesFor(double halfWidth, double variance, ModeratedVariance prior, double confidence,
            int limit) {
        for (int n = 2; n < limit; n++) {
            // the prior's degrees of freedom add to the replicates' own; the cap is the run's, which grows too
            double df = Math.min(1e6, (prior.hasPrior() ? prior.priorDf() : 0) + 2.0 * n - 2);
            double critical = TDistribution.of(df).inverseSurvivalProbability((1 - confidence) / 2);
            if (critical * Math.sqrt(variance * 2.0 / n) <= halfWidth) {
                return n;
            }
        }
        return limit;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double sumOfSquares(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum;
    }
}
