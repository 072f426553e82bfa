package dev.flamegate.ab;

import dev.flamegate.compare.CompareSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How an A/B run spends its pairs.
 *
 * @param minPairs pairs run before the first look (at least 2: a paired test needs two differences)
 *     ({@link #looksAfter})
 * @param maxPairs pairs run at most; a test still unclear then is INCONCLUSIVE with its smallest detectable change
 * @param budget no pair starts when the pairs so far suggest it would end beyond this
 * @param seed the seed of the run order ({@link PairOrder})
 * @param compare the gate's thresholds; its confidence is the chance of no false alarm per test over all looks
 * @param sameWithin a test whose paired time is not significantly changed counts as the same only once the smallest
 *     change its pairs could detect is at most this; until then more pairs run. Well below the change the run must
 *     catch: a 10 % slowdown whose interval is still ±10 % wide could otherwise stop as "the same"
 */
public record AbSettings(int minPairs, int maxPairs, Duration budget, long seed, CompareSettings compare,
        double sameWithin) {

    public static final int DEFAULT_MIN_PAIRS = 4;
    public static final int DEFAULT_MAX_PAIRS = 10;
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(30);
    public static final double DEFAULT_SAME_WITHIN = 0.06;

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
        if (!(sameWithin > 0 && sameWithin < 1)) {
            throw new IllegalArgumentException("sameWithin must be between 0 and 100 %, was " + sameWithin);
        }
    }

    /** Settings with {@link #DEFAULT_SAME_WITHIN}. */
    public AbSettings(int minPairs, int maxPairs, Duration budget, long seed, CompareSettings compare) {
        this(minPairs, maxPairs, budget, seed, compare, DEFAULT_SAME_WITHIN);
    }

    /**
     * Whether the pairs are looked at after pair {@code pair}: after {@code minPairs}, half-way to {@code maxPairs} and
     * after {@code maxPairs}. Every look costs confidence at all of them; three looks keep each one usable.
     */
    public boolean looksAfter(int pair) {
        return pair == minPairs || pair == (minPairs + maxPairs + 1) / 2 || pair == maxPairs;
    }

    /** How many times the pairs are looked at ({@link #looksAfter}). */
    public int looks() {
        int looks = 0;
        for (int pair = minPairs; pair <= maxPairs; pair++) {
            looks += looksAfter(pair) ? 1 : 0;
        }
        return looks;
    }

    /**
     * The confidence of one paired metric's interval at one look. The gate's error rate is spent over the looks and
     * the paired metrics (a union bound: the chance of any false alarm over all of them stays within it): each
     * look before the last gets {@code 1 / (2 looks)} of it, the last look the rest, so that the last look, where
     * most tests are decided, keeps a usable interval while early looks still stop on large changes.
     *
     * @param last whether this is the final look (after the loop, whatever stopped it)
     */
    public double lookConfidence(boolean last) {
        int looks = looks();
        double earlyShare = 1.0 / (2 * looks);
        double share = last ? 1 - earlyShare * (looks - 1) : earlyShare;
        return 1 - compare.alpha() * share / PAIRED_METRICS_PER_TEST;
    }
}
