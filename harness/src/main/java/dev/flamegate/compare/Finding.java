package dev.flamegate.compare;

import java.util.Objects;

/**
 * An observation beyond single frames, the way experienced people read flame graphs, with its numbers.
 *
 * @param kind what was found
 * @param event the profiled event it concerns ({@code cpu}, {@code alloc}, ...), or the metric name
 *     for metric-based findings
 * @param subject what it is about: a frame name, a call path, or {@code GC/VM threads}
 * @param before the number in the baseline (share as a fraction, depth as a count, bytes per invocation)
 * @param after the same number in this run
 * @param summary one readable sentence with the numbers
 */
public record Finding(Kind kind, String event, String subject, double before, double after, String summary) {

    /** Kinds of findings. */
    public enum Kind {
        /** The CPU share of GC and VM threads, or allocation per invocation, grew. */
        GC_PRESSURE,
        /** A recursive frame recursed deeper than in any baseline round. */
        DEEPER_RECURSION,
        /** A frame absent from the baseline now carries a large share. */
        NEW_HOT_FRAME,
        /** Rounds of this run disagree with each other (for example different trace shapes). */
        NONDETERMINISM,
        /** A span now repeats per parent where the baseline had it once or a few times: the N+1 query pattern. */
        REPEATED_CALL
    }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
    }
}
