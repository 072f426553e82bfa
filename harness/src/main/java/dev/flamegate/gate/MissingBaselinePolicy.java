package dev.flamegate.gate;

import java.util.Locale;

/** What a missing baseline does on CI (off CI it is always recorded). */
public enum MissingBaselinePolicy {
    /** Fail with the command that records the baseline. */
    FAIL,
    /** Record it, as off CI. */
    RECORD,
    /** Pass without recording. */
    PASS;

    /**
     * Parses {@code fail}, {@code record} or {@code pass}, case-insensitively.
     *
     * @throws IllegalArgumentException naming {@code key} and the accepted values
     */
    public static MissingBaselinePolicy parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not valid: expected fail, record or pass", e);
        }
    }
}
