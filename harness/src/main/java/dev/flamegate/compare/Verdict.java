package dev.flamegate.compare;

/** The outcome of comparing a run with its baseline. */
public enum Verdict {
    /** Nothing changed by more than the minimum effect, with enough confidence to say so. */
    PASS,
    /** A metric got worse by at least the minimum effect with confidence, or the trace shape changed. */
    REGRESSION,
    /** A metric got better by at least the minimum effect with confidence, and nothing got worse. */
    IMPROVEMENT,
    /** Too noisy to tell: the smallest detectable change was larger than the configured maximum. */
    INCONCLUSIVE,
    /** No baseline recorded for this id. */
    NO_BASELINE,
    /** Baseline and run were measured in incompatible environments; only comparable parts were compared. */
    ENVIRONMENT_MISMATCH,
    /** The test or benchmark threw before it could be compared; the notes say what it threw. */
    ERROR;

    /** Whether a build should fail on this verdict. */
    public boolean fails() {
        return this == REGRESSION;
    }
}
