package dev.flamegate.junit;

import java.util.Locale;

/** What a profiled test does with its measurement. */
public enum Mode {
    /** Take the mode from the enclosing level (class defaults, configuration parameter). */
    INHERIT,
    /** Compare with the baseline; fail on a regression. A missing baseline is recorded (or fails on CI). */
    VERIFY,
    /** Measure and write (or overwrite) the baseline; never fails on performance. */
    RECORD,
    /**
     * Measure and add this run to the baseline as one more run (a fresh JVM), keeping the newest
     * {@code flamegate.baselineRuns} (default 5); never fails on performance. Several runs let the
     * comparison measure how much whole runs differ (JIT, heap layout, machine) instead of assuming it.
     */
    APPEND,
    /** Run the test plainly, without profiling. */
    OFF;

    /** Whether this mode writes baselines. */
    boolean records() {
        return this == RECORD || this == APPEND;
    }

    /** Parses {@code verify}, {@code record}, {@code append} or {@code off}, case-insensitively. */
    static Mode parse(String key, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode != INHERIT && mode.name().equals(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(key + "=" + value + " is not a mode: expected verify, record, append or off");
    }
}
