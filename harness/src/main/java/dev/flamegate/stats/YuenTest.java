package dev.flamegate.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Yuen's trimmed-means test (Yuen 1974; Wilcox, <i>Introduction to Robust Estimation</i>, ch. 5): Welch's
 * t-test on 20 %-trimmed means with winsorised variances, extended by a between-run noise floor.
 *
 * <p>Why this test: round-level values are few (5–20 per side) and sometimes contain an outlier round
 * (a JIT recompilation, a neighbour process). Trimming 20 % of each end makes one bad round in five
 * neither a false alarm nor a hidden regression, while keeping a t-statistic whose p-values are not
 * bounded below the way exact rank tests are (5 vs 5 rounds: p ≥ 0.008 for Mann-Whitney).
 *
 * <p>Between-run noise: rounds of one run share its JIT decisions, heap layout and machine load, so
 * their spread understates how much two runs of unchanged code differ. The standard error therefore
 * adds {@code 2 * noiseFloor^2} (one run offset per side) to Yuen's within-run variance:
 * {@code SE^2 = d_before + d_after + 2 * floor^2}, where {@code d = (n - 1) s_w^2 / (h (h - 1))},
 * {@code s_w^2} the winsorised variance and {@code h} the number of values left after trimming. More
 * rounds shrink only the first two terms: a single run pair can never resolve shifts much below
 * {@code t * sqrt(2) * floor}.
 */
public final class YuenTest {

    private YuenTest() {
    }

    /**
     * Tests the relative shift of positive values (times, bytes): runs on natural logarithms, so the
     * estimate is {@code log(after / before)} and {@code noiseFloor} is a relative standard deviation
     * (0.02 = 2 % between runs).
     */
    public static ShiftEstimate relative(double[] before, double[] after, double noiseFloor, double confidence) {
        return absolute(RobustStatistics.logs(before), RobustStatistics.logs(after), noiseFloor, confidence);
    }

    /**
     * Tests the shift of values on their own scale (e.g. shares), with {@code noiseFloor} the standard
     * deviation of a run's offset in the same unit.
     *
     * @param confidence level of the two-sided interval, in (0, 1)
     */
    public static ShiftEstimate absolute(double[] before, double[] after, double noiseFloor, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (noiseFloor < 0) {
            throw new IllegalArgumentException("noise floor must not be negative, was " + noiseFloor);
        }
        if (before.length == 0 || after.length == 0) {
            return ShiftEstimate.undefined(Double.NaN, confidence);
        }
        double estimate = RobustStatistics.trimmedMean(after) - RobustStatistics.trimmedMean(before);
        if (before.length < 2 || after.length < 2) {
            return ShiftEstimate.undefined(estimate, confidence);
        }
        double dBefore = squaredError(before);
        double dAfter = squaredError(after);
        double floorVariance = 2 * noiseFloor * noiseFloor;
        double variance = dBefore + dAfter + floorVariance;
        double hBefore = before.length - 2.0 * RobustStatistics.trimCount(before.length);
        double hAfter = after.length - 2.0 * RobustStatistics.trimCount(after.length);
        double df;
        double within = dBefore + dAfter;
        if (within <= 0) {
            // Identical rounds on both sides: only the floor is uncertain; treat it as well known.
            df = Math.max(1, before.length + after.length - 2);
        } else {
            df = within * within / (dBefore * dBefore / Math.max(1, hBefore - 1) + dAfter * dAfter / Math.max(1, hAfter - 1));
            // The floor term is a fixed, known variance: it adds degrees of freedom in proportion to its weight.
            df = df * variance * variance / (within * within);
            df = Math.min(df, 1e6);
        }
        if (variance <= 0) {
            double p = estimate == 0 ? 1 : 0;
            return new ShiftEstimate(estimate, estimate, estimate, 0, df, p, confidence);
        }
        double se = Math.sqrt(variance);
        TDistribution t = TDistribution.of(df);
        double critical = t.inverseSurvivalProbability((1 - confidence) / 2);
        double p = Math.min(1, 2 * t.survivalProbability(Math.abs(estimate) / se));
        return new ShiftEstimate(estimate, estimate - critical * se, estimate + critical * se, se, df, p, confidence);
    }

    private static double squaredError(double[] values) {
        int n = values.length;
        double h = n - 2.0 * RobustStatistics.trimCount(n);
        return (n - 1) * RobustStatistics.winsorisedVariance(values) / (h * Math.max(1, h - 1));
    }
}
