package dev.flamegate.junit;

import dev.flamegate.gate.GateMode;

/**
 * What a profiled test does with its measurement, as {@link ProfiledTest#mode()} and {@link ProfilingDefaults#mode()}
 * say it: a {@link GateMode}, or {@link #INHERIT} to take it from the enclosing level.
 */
public enum Mode {
    /** Take the mode from the enclosing level (class defaults, configuration parameter). */
    INHERIT,
    /** {@link GateMode#VERIFY}: compare with the baseline; fail on a regression. */
    VERIFY,
    /** {@link GateMode#RECORD}: measure and write (or overwrite) the baseline. */
    RECORD,
    /** {@link GateMode#APPEND}: add this run to the baseline as one more run. */
    APPEND,
    /** {@link GateMode#OFF}: run the test plainly, without profiling. */
    OFF;

    /**
     * The gate's mode this names.
     *
     * @throws IllegalStateException for {@link #INHERIT}, which names none
     */
    GateMode gateMode() {
        if (this == INHERIT) {
            throw new IllegalStateException("INHERIT is resolved from the enclosing level first");
        }
        return GateMode.valueOf(name());
    }
}
