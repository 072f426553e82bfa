package dev.flamegate.baseline;

/**
 * How a front end tells its user to record a baseline, for error messages and failures: the harness knows only the
 * mode property; a front end knows how its runs start (Maven and Surefire's {@code -Dtest}, JMH's benchmark ids).
 */
@FunctionalInterface
public interface RecordInstructions {

    /** For a caller that knows no better than the mode property, which every front end reads. */
    RecordInstructions MODE_PROPERTY = id -> "-Dflamegate.mode=record";

    /**
     * The command or setting that records the baseline of {@code id}.
     *
     * @param id the test's or benchmark's id, or {@code null} when it is not known (a file that does not say)
     */
    String command(String id);

    /** How to record the missing baseline of {@code id}, as a sentence without its final period. */
    default String firstRecord(String id) {
        return "Record the baseline with " + command(id) + " and commit it";
    }

    /** How to record the baseline of {@code id} again, as a sentence without its final period. */
    default String reRecord(String id) {
        return "Re-record the baseline with " + command(id) + " and commit it";
    }
}
