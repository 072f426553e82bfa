package dev.flamegate.compare;

import dev.flamegate.stats.ShiftEstimate;
import java.util.Objects;

/**
 * The shift of one metric measured by pairs of runs of both sides on one machine, side by side: the interval
 * comes from the pairs' own differences, so neither the machine's speed nor a fresh JVM's mode separates the
 * sides.
 *
 * @param shift log-scale shift, head over base, with its interval
 * @param pairs how many pairs it was estimated from
 * @param signedRankPValue the Wilcoxon signed-rank test's two-sided p-value on the pairs' differences, a
 *     distribution-free cross-check ({@code NaN} when not computable)
 * @param sameWithin the widest interval (relative half-width) at which an insignificant shift counts as unchanged;
 *     wider is uncertain
 */
public record PairedShift(ShiftEstimate shift, int pairs, double signedRankPValue, double sameWithin) {

    public PairedShift {
        Objects.requireNonNull(shift, "shift");
        if (pairs < 0) {
            throw new IllegalArgumentException("pairs must not be negative, was " + pairs);
        }
    }
}
