package dev.flamegate.cli;

import dev.flamegate.stats.ModeratedTTest;
import dev.flamegate.stats.ModeratedVariance;
import dev.flamegate.stats.RobustStatistics;
import dev.flamegate.stats.SequentialRule;
import dev.flamegate.stats.ShiftEstimate;
import dev.flamegate.stats.YuenTest;
import java.util.List;

/**
 * The statistics behind one row of {@code flamegate jmh-compare}. JMH's forks are the independent replicates
 * (iterations within a fork share one JIT compilation and heap layout, so they are not), and the test runs on
 * the logarithms of the fork means: the pooled two-sample t-test with the fork-to-fork variance
 * {@linkplain ModeratedVariance moderated} by the variances of all benchmarks of the same pair of files, so that
 * two or three forks a side still give a usable interval. A three-outcome {@link SequentialRule} turns the
 * interval into a verdict: different (REGRESSION or IMPROVEMENT), same (PASS), or not yet known (INCONCLUSIVE,
 * with the number of forks a side that would settle it). Only when a side has a single fork do its iterations
 * stand in, with Yuen's test, and the row says so: that interval is optimistic.
 *
 * @param change the estimated relative change, {@code after / before - 1}
 * @param low lower end of the relative change's confidence interval
 * @param high upper end
 * @param detectable the smallest relative change this data could have shown (the interval's half-width)
 * @param pValue two-sided p-value; NaN when it cannot be computed
 * @param verdict what the row concludes
 * @param basis {@code forks} or {@code iterations}
 * @param forksNeeded for an INCONCLUSIVE row on forks, how many forks a side would make it decidable; else 0
 */
record JmhScoreComparison(double change, double low, double high, double detectable, double pValue,
        Verdict verdict, String basis, int forksNeeded) {

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

        SequentialRule rule() {
            return new SequentialRule(minEffect, maxDetectable);
        }
    }

    /** A before/after pair of one benchmark. */
    record Pair(JmhResultFile.Entry before, JmhResultFile.Entry after) {

        boolean hasForks() {
            return before.forkMeans().length >= 2 && after.forkMeans().length >= 2;
        }

        ModeratedTTest.Residual residual() {
            return ModeratedTTest.residual(RobustStatistics.logs(before.forkMeans()), RobustStatistics.logs(after.forkMeans()));
        }
    }

    /**
     * The prior of the fork-to-fork variance (log scale) from every pair with at least two forks a side.
     */
    static ModeratedVariance prior(List<Pair> pairs) {
        List<ModeratedTTest.Residual> residuals = pairs.stream().filter(Pair::hasForks).map(Pair::residual).toList();
        return ModeratedVariance.estimate(residuals.stream().mapToDouble(ModeratedTTest.Residual::variance).toArray(),
                residuals.stream().mapToDouble(ModeratedTTest.Residual::df).toArray());
    }

    /** Compares one benchmark without a prior (an ordinary pooled t-test on the forks). */
    static JmhScoreComparison compare(JmhResultFile.Entry before, JmhResultFile.Entry after, boolean higherIsBetter,
            Settings settings) {
        return compare(new Pair(before, after), higherIsBetter, ModeratedVariance.NONE, settings);
    }

    /**
     * Compares the raw data of one benchmark; {@code higherIsBetter} for throughput; {@code prior} from
     * {@link #prior} over the whole run.
     */
    static JmhScoreComparison compare(Pair pair, boolean higherIsBetter, ModeratedVariance prior, Settings settings) {
        boolean forks = pair.hasForks();
        ShiftEstimate shift;
        if (forks) {
            shift = ModeratedTTest.shift(RobustStatistics.logs(pair.before().forkMeans()),
                    RobustStatistics.logs(pair.after().forkMeans()), prior, settings.confidence());
        } else {
            shift = YuenTest.relative(pair.before().iterations(), pair.after().iterations(), 0, settings.confidence());
        }
        String basis = forks ? "forks" : "iterations";
        double change = Math.expm1(shift.estimate());
        if (!shift.isDefined()) {
            return new JmhScoreComparison(change, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.NaN, Verdict.INCONCLUSIVE, basis, 0);
        }
        double low = Math.expm1(shift.lower());
        double high = Math.expm1(shift.upper());
        double detectable = Math.expm1(shift.halfWidth());
        boolean worse = higherIsBetter ? change < 0 : change > 0;
        SequentialRule rule = settings.rule();
        int forksNeeded = 0;
        Verdict verdict = switch (rule.decide(shift)) {
            case DIFFERENT -> worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
            case SAME -> Verdict.PASS;
            case NOT_YET_KNOWN -> Verdict.INCONCLUSIVE;
        };
        if (verdict == Verdict.INCONCLUSIVE && forks) {
            int n1 = pair.before().forkMeans().length;
            int n2 = pair.after().forkMeans().length;
            double variance = shift.standardError() * shift.standardError() / (1.0 / n1 + 1.0 / n2);
            forksNeeded = rule.replicatesNeeded(variance, prior, settings.confidence());
        }
        return new JmhScoreComparison(change, low, high, detectable, shift.pValue(), verdict, basis, forksNeeded);
    }
}
