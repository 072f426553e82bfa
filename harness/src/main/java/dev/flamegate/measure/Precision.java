package dev.flamegate.measure;

import dev.flamegate.stats.RobustStatistics;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * How precisely measured rounds pin down a per-invocation value: the half-width of the 95 % interval of the
 * 20 %-trimmed mean of the rounds (Yuen's standard error, from the winsorised variance), relative to the
 * trimmed mean, on log values so that one slow round does not dominate. More rounds are worth running while
 * this is wider than the target and the budget lasts.
 */
public final class Precision {

    private static final double LEVEL = 0.95;

    private Precision() {
    }

    /**
     * The relative half-width of the interval of {@code perRound} (positive values); infinite with fewer than
     * three rounds.
     */
    public static double relativeHalfWidth(double[] perRound) {
        int n = perRound.length;
        if (n < 3) {
            return Double.POSITIVE_INFINITY;
        }
        double[] logs = RobustStatistics.logs(perRound);
        int kept = n - 2 * RobustStatistics.trimCount(n);
        if (kept < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double se = Math.sqrt((n - 1) * RobustStatistics.winsorisedVariance(logs) / ((double) kept * (kept - 1)));
        double t = TDistribution.of(kept - 1).inverseCumulativeProbability(0.5 + LEVEL / 2);
        return Math.expm1(t * se);
    }
}
