package dev.flamegate.junit;

import java.util.Locale;

/** What a missing baseline does in CI ({@value ProfiledTest#CI_MISSING_BASELINE_KEY}). */
enum MissingBaseline {
    /** Fail the test with the command that records the baseline. */
    FAIL,
    /** Record it, as outside CI. */
    RECORD,
    /** Pass without recording. */
    PASS;

    static MissingBaseline parse(String key, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not valid: expected fail, record or pass", e);
        }
    }
}
