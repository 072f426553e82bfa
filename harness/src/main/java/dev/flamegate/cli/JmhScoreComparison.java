package dev.flamegate.cli;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The statistics behind one row of {@code flamegate jmh-compare}: Welch's t-test and its confidence
 * interval on the two sides' <em>fork means</em>, since JMH's forks are the independent samples. Only when
 * a side has a single fork do its iterations stand in, and the row says so: iterations of one JVM share
 * one JIT compilation, so that interval is optimistic.
 *
 * @param change the relative change of the mean, {@code (after - before) / before}
 * @param low lower end of the relative change's confidence interval
 * @param high upper end
 * @param detectable the smallest relative change this data could have shown (the interval's half-width)
 * @param pValue Welch's two-sided p-value; NaN when it cannot be computed
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
        double meanX = mean(x);
        double meanY = mean(y);
        double change = (meanY - meanX) / Math.abs(meanX);
        if (x.length < 2 || y.length < 2 || meanX == 0) {
            return new JmhScoreComparison(change, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.NaN, Verdict.INCONCLUSIVE, basis);
        }
        double varX = Variance.of(x).getAsDouble() / x.length;
        double varY = Variance.of(y).getAsDouble() / y.length;
        double se = Math.sqrt(varX + varY);
        double halfWidth;
        double p;
        if (se == 0) {
            halfWidth = 0;
            p = meanX == meanY ? 1 : 0;
        } else {
            double df = (varX + varY) * (varX + varY)
                    / (varX * varX / (x.length - 1) + varY * varY / (y.length - 1));
            halfWidth = TDistribution.of(df).inverseSurvivalProbability((1 - settings.confidence()) / 2) * se;
            p = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(y, x).getPValue();
        }
        double detectable = halfWidth / Math.abs(meanX);
        double low = change - detectable;
        double high = change + detectable;
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

    private static double mean(double[] values) {
        return Mean.of(values).getAsDouble();
    }
}
