package dev.flamegate.cli;

import dev.flamegate.stats.ShiftEstimate;
import dev.flamegate.stats.YuenTest;

/**
 * The statistics behind one row of {@code flamegate jmh-compare}: the relative shift of the scores with its
 * confidence interval from {@link YuenTest#relative} (the test every flamegate comparison uses: Welch's t-test
 * on the logarithms, on 20 %-trimmed means, so nothing is trimmed below five values), on the two sides'
 * <em>fork means</em>, since JMH's forks are the independent samples. No between-run noise floor is added:
 * forks are separate JVMs, so their spread already holds the between-run noise. Only when a side has a single
 * fork do its iterations stand in, and the row says so: iterations of one JVM share one JIT compilation, so
 * that interval is optimistic.
 *
 * @param change the estimated relative change, {@code after / before - 1}
 * @param low lower end of the relative change's confidence interval
 * @param high upper end
 * @param detectable the smallest relative change this data could have shown (the interval's half-width)
 * @param pValue two-sided p-value; NaN when it cannot be computed
 * @param verdict what the row concludes
 * @param basis {@code forks} or {@code iterations}
 */
record JmhScoreComparison(double change, double low, double high, double detectable, double pValue,
        Verdict verdict, String basis) {

    /** The outcome of one benchmark. */
    enum Verdict {
        PASS, REGRESSION, IMPROVEMENT, INCONCLUSIVE, NO_BASELINE, REMOVED;

        boolean fails() {
            return this == REGRESSION;
        }
    }

    /**
     * Thresholds.
     *
     * @param minEffect smallest relative change that counts as a regression or improvement
     * @param confidence confidence level of the interval, e.g. 0.99
     * @param maxDetectable above this smallest detectable change the result is {@code INCONCLUSIVE}
     */
    record Settings(double minEffect, double confidence, double maxDetectable) {
        static final Settings DEFAULTS = new Settings(0.05, 0.99, 0.25);
    }

    /**
     * Compares the raw data of one benchmark; {@code higherIsBetter} for throughput.
     */
    static JmhScoreComparison compare(JmhResultFile.Entry before, JmhResultFile.Entry after, boolean higherIsBetter,
            Settings settings) {
        boolean forks = before.forkMeans().length >= 2 && after.forkMeans().length >= 2;
        double[] x = forks ? before.forkMeans() : before.iterations();
        double[] y = forks ? after.forkMeans() : after.iterations();
        String basis = forks ? "forks" : "iterations";
        ShiftEstimate shift = YuenTest.relative(x, y, 0, settings.confidence());
        double change = Math.expm1(shift.estimate());
        if (!shift.isDefined()) {
            return new JmhScoreComparison(change, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.NaN, Verdict.INCONCLUSIVE, basis);
        }
        double low = Math.expm1(shift.lower());
        double high = Math.expm1(shift.upper());
        double detectable = Math.expm1(shift.halfWidth());
        double p = shift.pValue();
        boolean significant = low > 0 || high < 0;
        boolean worse = higherIsBetter ? change < 0 : change > 0;
        Verdict verdict;
        if (significant && Math.abs(change) >= settings.minEffect()) {
            verdict = worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        } else if (detectable > settings.maxDetectable()) {
            verdict = Verdict.INCONCLUSIVE;
        } else {
            verdict = Verdict.PASS;
        }
        return new JmhScoreComparison(change, low, high, detectable, p, verdict, basis);
    }

}
