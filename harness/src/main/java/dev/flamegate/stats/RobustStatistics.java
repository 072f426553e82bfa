package dev.flamegate.stats;

import java.util.Arrays;

/**
 * Order-statistics helpers on small samples of round-level values: median, trimmed mean and
 * winsorised variance. Inputs are never modified.
 */
public final class RobustStatistics {

    /** Fraction trimmed from each end by {@link #trimmedMean} and friends: 20 %, the usual choice for Yuen's test. */
    public static final double TRIM = 0.2;

    private RobustStatistics() {
    }

    /** The median; {@code NaN} for an empty sample. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = sorted(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** How many values {@link #TRIM} removes from each end of a sample of {@code n}: {@code floor(0.2 n)}. */
    public static int trimCount(int n) {
        return (int) Math.floor(TRIM * n);
    }

    /** The 20 %-trimmed mean: one outlier in five rounds does not move it. */
    public static double trimmedMean(double[] values) {
        double[] sorted = sorted(values);
        int g = trimCount(sorted.length);
        double sum = 0;
        for (int i = g; i < sorted.length - g; i++) {
            sum += sorted[i];
        }
        return sum / (sorted.length - 2 * g);
    }

    /**
     * The 20 %-winsorised sample variance (denominator {@code n - 1}): the {@code g} smallest values are
     * replaced by the next larger one and the {@code g} largest by the next smaller one.
     */
    public static double winsorisedVariance(double[] values) {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double[] w = sorted(values);
        int g = trimCount(n);
        for (int i = 0; i < g; i++) {
            w[i] = w[g];
            w[n - 1 - i] = w[n - 1 - g];
        }
        double mean = 0;
        for (double v : w) {
            mean += v;
        }
        mean /= n;
        double sum = 0;
        for (double v : w) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (n - 1);
    }

    /** Natural logarithms of positive values; zero and negative values are clamped to {@code Double.MIN_NORMAL}. */
    public static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(Math.max(values[i], Double.MIN_NORMAL));
        }
        return logs;
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
