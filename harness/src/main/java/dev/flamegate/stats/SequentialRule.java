package dev.flamegate.stats;

/**
 * The three-outcome rule that decides, after each batch of replicates (JMH forks, fresh-JVM runs), whether
 * a comparison is done: {@link Outcome#DIFFERENT} (the interval excludes zero and the estimate is at least
 * the smallest change that counts), {@link Outcome#SAME} (not different, and the interval is narrow enough
 * that a change of {@code maxDetectable} would have shown) or {@link Outcome#NOT_YET_KNOWN} (run more
 * replicates, within the budget). All arguments are relative changes ({@code 0.05} = 5 %); the shift is
 * on the log scale.
 *
 * <p>Each look at the data is a test: with {@code k} looks at level {@code alpha} the chance of a false
 * DIFFERENT is at most {@code k * alpha} (Bonferroni), so a caller that looks several times passes a
 * correspondingly higher confidence.
 *
 * @param minEffect smallest relative change that counts as different
 * @param maxDetectable largest smallest-detectable-change that still allows SAME
 */
public record SequentialRule(double minEffect, double maxDetectable) {

    /** What one look concludes. */
    public enum Outcome {
        DIFFERENT, SAME, NOT_YET_KNOWN
    }

    /** Largest number of replicates a side {@link #replicatesNeeded} reports. */
    public static final int REPLICATE_LIMIT = 100;

    public SequentialRule {
        if (!(minEffect >= 0) || !(maxDetectable >= 0)) {
            throw new IllegalArgumentException("thresholds must be non-negative, were " + minEffect + " and " + maxDetectable);
        }
    }

    /** Decides on a log-scale shift. */
    public Outcome decide(ShiftEstimate logShift) {
        if (!logShift.isDefined()) {
            return Outcome.NOT_YET_KNOWN;
        }
        boolean significant = logShift.significantlyAbove() || logShift.significantlyBelow();
        if (significant && Math.abs(Math.expm1(logShift.estimate())) >= minEffect) {
            return Outcome.DIFFERENT;
        }
        return Math.expm1(logShift.halfWidth()) <= maxDetectable ? Outcome.SAME : Outcome.NOT_YET_KNOWN;
    }

    /**
     * How many replicates a side would make a change of {@code maxDetectable} detectable, for replicates
     * whose moderated log-scale variance is {@code variance}; {@link #REPLICATE_LIMIT} when even that many
     * would not.
     */
    public int replicatesNeeded(double variance, ModeratedVariance prior, double confidence) {
        if (!(variance > 0)) {
            return 2;
        }
        return ModeratedTTest.replicatesFor(Math.log1p(maxDetectable), variance, prior, confidence, REPLICATE_LIMIT);
    }
}
