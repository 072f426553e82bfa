package dev.flamegate.trace;

/**
 * What {@link ShapeDiff} reports.
 *
 * <p>A repeated-call pattern (the N+1 query) is a child whose largest count under one parent grew from
 * at most {@code repeatedCallMaxBefore} to at least {@code repeatedCallMinAfter} and at least doubled,
 * or a new child that occurs at least {@code repeatedCallMinAfter} times under one parent.
 *
 * @param reportOrder report children that come in another order; both shapes must have been built with
 *     {@link ShapeOptions#withOrderMatters(boolean) order kept}
 * @param repeatedCallMaxBefore the largest count per parent that still counts as "few" before
 * @param repeatedCallMinAfter the smallest count per parent that counts as "many" after
 */
public record DiffOptions(boolean reportOrder, int repeatedCallMaxBefore, int repeatedCallMinAfter) {

    private static final DiffOptions DEFAULTS = new DiffOptions(false, 2, 3);

    public DiffOptions {
        if (repeatedCallMaxBefore < 1) {
            throw new IllegalArgumentException("repeatedCallMaxBefore must be at least 1, was " + repeatedCallMaxBefore);
        }
        if (repeatedCallMinAfter <= repeatedCallMaxBefore) {
            throw new IllegalArgumentException("repeatedCallMinAfter (" + repeatedCallMinAfter
                    + ") must be greater than repeatedCallMaxBefore (" + repeatedCallMaxBefore + ")");
        }
    }

    /** Order ignored; few means at most 2, many at least 3. */
    public static DiffOptions defaults() {
        return DEFAULTS;
    }

    /** These options reporting order changes, or not. */
    public DiffOptions withReportOrder(boolean report) {
        return new DiffOptions(report, repeatedCallMaxBefore, repeatedCallMinAfter);
    }

    /** These options with other thresholds for the repeated-call pattern. */
    public DiffOptions withRepeatedCall(int maxBefore, int minAfter) {
        return new DiffOptions(reportOrder, maxBefore, minAfter);
    }

    boolean isRepeatedCall(int maxBefore, int maxAfter) {
        return maxBefore <= repeatedCallMaxBefore && maxAfter >= repeatedCallMinAfter && maxAfter >= 2 * maxBefore;
    }
}
