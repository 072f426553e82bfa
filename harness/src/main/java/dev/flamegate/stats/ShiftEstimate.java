package dev.flamegate.stats;

/**
 * The estimated shift between two samples of round-level values with its confidence interval, as
 * {@link YuenTest} computes it. All values are in the scale the test ran on (log scale for
 * {@linkplain YuenTest#relative relative} tests, raw scale for {@linkplain YuenTest#absolute absolute} ones).
 *
 * @param estimate after minus before, of the 20 %-trimmed means
 * @param lower lower bound of the two-sided confidence interval
 * @param upper upper bound of the two-sided confidence interval
 * @param standardError standard error of {@code estimate}, including the between-run noise floor
 * @param degreesOfFreedom Welch-Satterthwaite degrees of freedom of the trimmed samples
 * @param pValue two-sided p-value of "no shift"
 * @param confidence the interval's confidence level, e.g. 0.99
 */
public record ShiftEstimate(double estimate, double lower, double upper, double standardError,
        double degreesOfFreedom, double pValue, double confidence) {

    /** Half the width of the interval: the smallest shift that could have been told from noise. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /** Whether the interval lies entirely above zero. */
    public boolean significantlyAbove() {
        return lower > 0;
    }

    /** Whether the interval lies entirely below zero. */
    public boolean significantlyBelow() {
        return upper < 0;
    }

    /** Whether the estimate could be computed (each side had at least two rounds). */
    public boolean isDefined() {
        return !Double.isNaN(estimate) && !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** An estimate for samples too small to say anything (fewer than two rounds on a side). */
    public static ShiftEstimate undefined(double estimate, double confidence) {
        return new ShiftEstimate(estimate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, confidence);
    }
}
