package dev.flamegate.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * Empirical-Bayes moderated variances (Smyth 2004, the {@code squeezeVar} step of limma): the residual
 * variances {@code s_i^2} of many benchmarks (or tests) of one run, each with {@code d_i} degrees of freedom,
 * are treated as draws from a scaled inverse chi-square prior {@code s_0^2 d_0 / chi2_{d_0}}. The prior's
 * scale {@code s_0^2} and degrees of freedom {@code d_0} are estimated from the mean and the spread of the
 * {@code log s_i^2}; each benchmark's variance is then shrunk towards the prior,
 * {@code s~_i^2 = (d_0 s_0^2 + d_i s_i^2) / (d_0 + d_i)}, and its t-statistic gets {@code d_0 + d_i} degrees
 * of freedom.
 *
 * <p>Why: two or three forks a side give a variance with two or four degrees of freedom, so a t-interval's
 * critical value is huge (9.9 at 99 % with two) and a single lucky pair of forks gives a tiny variance. The
 * other benchmarks of the same run, measured on the same machine by the same JVM, say how large fork-to-fork
 * noise usually is; the spread of their variances says how much to trust that (a large spread gives a small
 * {@code d_0}, little shrinkage). Variances should be on the log scale of the metric so benchmarks of different
 * magnitude share one prior.
 *
 * @param priorVariance {@code s_0^2}; NaN when there is no prior
 * @param priorDf {@code d_0}; 0 when there is no prior, {@link Double#POSITIVE_INFINITY} when the variances
 *     spread no more than chance alone would make them
 * @param pooledDf the sum of the residual degrees of freedom the prior was estimated from: the moderated
 *     degrees of freedom never exceed it (limma's cap), since no prior knows more than all the data
 */
public record ModeratedVariance(double priorVariance, double priorDf, double pooledDf) {

    /** No prior: every variance stands on its own, as in an ordinary t-test. */
    public static final ModeratedVariance NONE = new ModeratedVariance(Double.NaN, 0, 0);

    /** Fewest positive variances a prior is estimated from; with fewer the spread says nothing. */
    public static final int MIN_VARIANCES = 3;

    /**
     * Estimates the prior from the residual variances of one run.
     *
     * @param variances each benchmark's residual variance (log scale); zero, negative and non-finite ones,
     *     and ones with non-positive degrees of freedom, are left out
     * @param dfs the residual degrees of freedom of each variance
     * @return the prior, or {@link #NONE} with fewer than {@link #MIN_VARIANCES} usable variances
     */
    public static ModeratedVariance estimate(double[] variances, double[] dfs) {
        if (variances.length != dfs.length) {
            throw new IllegalArgumentException(variances.length + " variances but " + dfs.length + " degrees of freedom");
        }
        List<double[]> usable = new ArrayList<>();
        for (int i = 0; i < variances.length; i++) {
            if (variances[i] > 0 && Double.isFinite(variances[i]) && dfs[i] > 0 && Double.isFinite(dfs[i])) {
                usable.add(new double[] {variances[i], dfs[i]});
            }
        }
        int n = usable.size();
        if (n < MIN_VARIANCES) {
            return NONE;
        }
        // e_i = log s_i^2 - digamma(d_i/2) + log(d_i/2) has mean log s_0^2 - digamma(d_0/2) + log(d_0/2) and
        // variance trigamma(d_i/2) + trigamma(d_0/2): the moments fix s_0^2 and d_0.
        double[] e = new double[n];
        double meanE = 0;
        double meanTrigamma = 0;
        double pooled = 0;
        for (int i = 0; i < n; i++) {
            double half = usable.get(i)[1] / 2;
            e[i] = Math.log(usable.get(i)[0]) - Digamma.value(half) + Math.log(half);
            meanE += e[i] / n;
            meanTrigamma += Trigamma.value(half) / n;
            pooled += usable.get(i)[1];
        }
        double spread = 0;
        for (double v : e) {
            spread += (v - meanE) * (v - meanE);
        }
        double excess = spread / (n - 1) - meanTrigamma;
        if (excess <= 0) {
            // the variances differ no more than sampling alone makes them: one common variance
            return new ModeratedVariance(Math.exp(meanE), Double.POSITIVE_INFINITY, pooled);
        }
        double d0 = 2 * trigammaInverse(excess);
        double s0 = Math.exp(meanE + Digamma.value(d0 / 2) - Math.log(d0 / 2));
        return new ModeratedVariance(s0, d0, pooled);
    }

    /** Whether there is a prior to shrink towards. */
    public boolean hasPrior() {
        return priorDf > 0;
    }

    /** The moderated variance of a benchmark whose own residual variance is {@code variance} with {@code df}. */
    public double posterior(double variance, double df) {
        if (!hasPrior()) {
            return variance;
        }
        if (Double.isInfinite(priorDf)) {
            return priorVariance;
        }
        return (priorDf * priorVariance + df * Math.max(0, variance)) / (priorDf + df);
    }

    /** The degrees of freedom of the moderated t-statistic: {@code d_0 + df}, at most {@link #pooledDf}. */
    public double degreesOfFreedom(double df) {
        return hasPrior() ? Math.max(df, Math.min(priorDf + df, pooledDf)) : df;
    }

    /**
     * Solves {@code trigamma(y) = x} for {@code y > 0} by Newton's method on {@code 1/trigamma}, started at
     * {@code 0.5 + 1/x} (Smyth 2004), which converges monotonically.
     */
    static double trigammaInverse(double x) {
        if (x > 1e7) {
            return 1 / Math.sqrt(x);
        }
        if (x < 1e-6) {
            return 1 / x;
        }
        double y = 0.5 + 1 / x;
        for (int i = 0; i < 50; i++) {
            double tri = Trigamma.value(y);
            double step = tri * (1 - tri / x) / polygamma2(y);
            y += step;
            if (-step / y < 1e-8) {
                break;
            }
        }
        return y;
    }

    /**
     * The tetragamma function {@code psi''(y)}, the derivative of trigamma, which Commons Numbers does not
     * offer: the asymptotic series after shifting {@code y} above 10 by the recurrence
     * {@code psi''(y) = psi''(y + 1) - 2 / y^3}.
     */
    static double polygamma2(double y) {
        double shift = 0;
        while (y < 10) {
            shift -= 2 / (y * y * y);
            y += 1;
        }
        double y2 = 1 / (y * y);
        // -1/y^2 - 1/y^3 - 1/(2y^4) + 1/(6y^6) - 1/(6y^8) + 3/(10y^10) - 5/(6y^12)
        double series = -y2 - y2 / y - y2 * y2 / 2
                + y2 * y2 * y2 * (1.0 / 6 + y2 * (-1.0 / 6 + y2 * (3.0 / 10 - y2 * 5.0 / 6)));
        return series + shift;
    }
}
