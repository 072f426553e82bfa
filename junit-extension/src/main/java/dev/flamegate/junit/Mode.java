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
    /** Run the test plainly, without profiling. */
    OFF;

    /** Parses {@code verify}, {@code record} or {@code off}, case-insensitively. */
    static Mode parse(String key, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (Mode mode : values()) {
            if (mode != INHERIT && mode.name().equals(v)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(key + "=" + value + " is not a mode: expected verify, record or off");
    }
}
