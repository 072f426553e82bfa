package dev.flamegate.gate;

import java.util.Locale;

/** What a gated run does with its measurement; the same for profiled tests and JMH benchmarks. */
public enum GateMode {
    /** Compare with the baseline; fail on a regression. A missing baseline is recorded (or fails on CI). */
    VERIFY,
    /** Measure and write (or overwrite) the baseline; never fails on performance. */
    RECORD,
    /**
     * Measure and add this run to the baseline as one more run (a fresh JVM), keeping the newest
     * {@link GateRules#baselineRuns()}; never fails on performance. Several runs let the comparison measure how
     * much whole runs differ (JIT, heap layout, machine) instead of assuming it.
     */
    APPEND,
    /** Run plainly: nothing compared or written. */
    OFF;

    /** Whether this mode writes baselines. */
    public boolean records() {
        return this == RECORD || this == APPEND;
    }

    /**
     * Parses {@code verify}, {@code record}, {@code append} or {@code off}, case-insensitively.
     *
     * @throws IllegalArgumentException naming {@code key} and the accepted values
     */
    public static GateMode parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a mode: expected verify, record, append or off", e);
        }
    }
}
