package dev.flamegate.gate;

import dev.flamegate.compare.Verdict;

/** What the gate did with one run, beside its verdict. */
public enum GateAction {
    /** Compared with the baseline (or found none and left it so); the verdict says how it went. */
    JUDGED,
    /** Written as the baseline, or added to it as one more run. */
    RECORDED,
    /** The gate was off: measured, nothing compared or written. */
    OFF,
    /** Neither judged nor recorded: the baseline could not be read, or could not be written. */
    FAILED;

    /** The one word console lines and summaries show: the verdict's name when judged, {@code ERROR} when failed. */
    public String label(Verdict verdict) {
        return switch (this) {
            case JUDGED -> verdict.name();
            case FAILED -> Verdict.ERROR.name();
            case RECORDED, OFF -> name();
        };
    }
}
