package dev.flamegate.compare;

import dev.flamegate.measure.Metric;
import java.util.Objects;

/**
 * How one per-invocation metric changed between the baseline's rounds and this run's rounds.
 *
 * <p>{@code before} and {@code after} are 20 %-trimmed geometric means of the round values, so
 * {@code after = before * (1 + relativeChange)} exactly. The interval and p-value come from
 * {@link dev.flamegate.stats.YuenTest} on log values with the between-run noise floor; {@code rankPValue}
 * is the Mann-Whitney U test's, a distribution-free cross-check. Relative values are fractions
 * (0.1 = +10 %). All are {@code NaN} where not computable (no baseline, fewer than two rounds).
 *
 * @param metric the metric
 * @param status what the comparison concluded for this metric
 * @param gated whether this metric decides the verdict (measured metrics do; profile-derived ones only
 *     when nothing was measured)
 * @param roundsBefore rounds in the baseline
 * @param roundsAfter rounds in this run
 * @param before baseline estimate, in the metric's unit
 * @param after this run's estimate, in the metric's unit
 * @param relativeChange {@code after / before - 1}
 * @param ciLower lower bound of the confidence interval of {@code relativeChange}
 * @param ciUpper upper bound of the confidence interval of {@code relativeChange}
 * @param confidence level of the interval (after the Bonferroni split over gated metrics)
 * @param pValue two-sided p-value of Yuen's test with the noise floor
 * @param rankPValue two-sided p-value of the Mann-Whitney U test on the round values
 * @param smallestDetectable the smallest relative change this comparison could have told from noise
 *     (half the interval's width, at least the minimum effect)
 * @param minEffect the minimum relative change that counts for this metric
 */
public record MetricChange(Metric metric, Status status, boolean gated, int roundsBefore, int roundsAfter,
        double before, double after, double relativeChange, double ciLower, double ciUpper, double confidence,
        double pValue, double rankPValue, double smallestDetectable, double minEffect) {

    /** The conclusion for one metric. */
    public enum Status {
        /** Worse by at least the minimum effect, with confidence. */
        REGRESSED,
        /** Better by at least the minimum effect, with confidence. */
        IMPROVED,
        /** No change of the minimum effect or more, and the comparison could have seen one of the maximum detectable size. */
        UNCHANGED,
        /** The interval is too wide to tell. */
        UNCERTAIN,
        /** Only one side has this metric. */
        NOT_COMPARED
    }

    public MetricChange {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(status, "status");
    }

    /** Whether the change is worse, in the metric's own direction, whatever its size. */
    public boolean isWorse() {
        return metric.isWorse(before, after);
    }
}
