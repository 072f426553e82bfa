package dev.flamegate.compare;

import dev.flamegate.profile.Event;
import java.util.Arrays;
import java.util.Objects;

/**
 * A call path ("frame") whose share of an event's profile changed significantly and that explains
 * part of a regression or improvement. Shares are fractions of the event's weight per round
 * (20 %-trimmed means over rounds).
 *
 * @param event the profiled event
 * @param frame the call path, root first, {@code ;}-separated
 * @param basis whether the frame's own (self) weight changed or only its inclusive (total) weight
 * @param totalBefore inclusive share in the baseline
 * @param totalAfter inclusive share in this run
 * @param selfBefore exclusive share in the baseline
 * @param selfAfter exclusive share in this run
 * @param pValue p-value of the test of the change the attribution is based on
 * @param qValue Benjamini-Hochberg adjusted p-value across all frames tested
 */
public record FrameChange(Event event, String frame, Basis basis, double totalBefore, double totalAfter,
        double selfBefore, double selfAfter, double pValue, double qValue) {

    /** Which weight of the frame changed. */
    public enum Basis {
        /** The frame's own (exclusive) weight changed: the frame itself does more or less work. */
        SELF,
        /** Its inclusive weight changed, spread over callees none of which explains it alone. */
        TOTAL
    }

    public FrameChange {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(basis, "basis");
    }

    /** The frame's own name (the last element of the path). */
    public String leaf() {
        int cut = frame.lastIndexOf(';');
        return cut < 0 ? frame : frame.substring(cut + 1);
    }

    /**
     * Where in the code, for people: the cause a user would fix. The leaf when it is the application's own
     * code; otherwise the innermost application frame on the path and the leaf, e.g.
     * {@code com.acme.TaxTable.lookup → java.util.regex.Pattern.compile} or, for an allocation or lock profile whose
     * leaf is the allocated type or the lock's class, {@code com.acme.PriceCache.priceOf → java.util.concurrent.locks.ReentrantLock$NonfairSync};
     * the leaf alone when no application code is on the path (see {@link FrameOrigin}).
     */
    public String site() {
        String leaf = leaf();
        String[] frames = frame.split(";");
        if (FrameOrigin.of(leaf) == FrameOrigin.APPLICATION && event != Event.ALLOC && event != Event.LOCK) {
            return leaf;
        }
        int own = FrameOrigin.innermostApplicationFrame(Arrays.copyOf(frames, frames.length - 1));
        if (own >= 0) {
            if (own >= frames.length - 3) {
                return String.join(" → ", Arrays.copyOfRange(frames, own, frames.length));
            }
            return frames[own] + " → " + frames[own + 1] + " → … → " + leaf;
        }
        if (event != Event.ALLOC && event != Event.LOCK) {
            return leaf;
        }
        return frames.length > 1 ? frames[frames.length - 2] + " → " + leaf : leaf;
    }

    /** Number of frames in the path. */
    public int depth() {
        return (int) frame.chars().filter(c -> c == ';').count() + 1;
    }

    /** The change of the share the attribution is based on (self or total), after minus before. */
    public double shareDelta() {
        return basis == Basis.SELF ? selfAfter - selfBefore : totalAfter - totalBefore;
    }
}
