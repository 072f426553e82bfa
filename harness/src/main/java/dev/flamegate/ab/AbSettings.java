package dev.flamegate.ab;

import dev.flamegate.compare.CompareSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How an A/B run spends its pairs.
 *
 * @param minPairs pairs run before the first look (at least 2: a paired test needs two differences)
 * @param maxPairs pairs run at most; a test still unclear then is INCONCLUSIVE with its smallest detectable change
 * @param budget no pair starts when the pairs so far suggest it would end beyond this
 * @param seed the seed of the run order ({@link PairOrder})
 * @param compare the gate's thresholds; its confidence is the chance of no false alarm per test over all looks
 */
public record AbSettings(int minPairs, int maxPairs, Duration budget, long seed, CompareSettings compare) {

    public static final int DEFAULT_MIN_PAIRS = 3;
    public static final int DEFAULT_MAX_PAIRS = 10;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(30);

    /** Paired metrics a test has at most (cpu.time and wall.time): the error rate is split over them. */
    static final int PAIRED_METRICS_PER_TEST = 2;

    public AbSettings {
        if (minPairs < 2) {
            throw new IllegalArgumentException("at least 2 pairs are needed before a paired test can look, was " + minPairs);
        }
        if (maxPairs < minPairs) {
            throw new IllegalArgumentException("the most pairs (" + maxPairs + ") must be at least the first look's (" + minPairs + ")");
        }
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget must be positive, was " + budget);
        }
        Objects.requireNonNull(compare, "compare");
    }

    /** How many times the pairs are looked at: after {@code minPairs}, then after each further pair. */
    public int looks() {
        return maxPairs - minPairs + 1;
    }

    /**
     * The confidence of one paired metric's interval at one look: the gate's error rate split Bonferroni-wise over the
     * looks and the paired metrics, so that looking after every pair does not raise the chance of a false alarm.
     */
    public double lookConfidence() {
        return 1 - compare.alpha() / (looks() * PAIRED_METRICS_PER_TEST);
    }
}
