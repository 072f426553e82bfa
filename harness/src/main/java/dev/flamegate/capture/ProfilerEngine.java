package dev.flamegate.capture;

import java.util.Locale;

/**
 * What samples the workload: the engines of {@link ProfilerSession}'s fallback chain, best first.
 *
 * <p>{@link #id()} is what reports and {@link dev.flamegate.measure.Environment#profilerEngine()} show.
 */
public enum ProfilerEngine {
    /** async-profiler with hardware/kernel perf events for {@code cpu}. */
    ASYNC_CPU("async-profiler/cpu", "cpu"),
    /** async-profiler with the {@code setitimer} CPU timer (no perf events needed). */
    ASYNC_ITIMER("async-profiler/itimer", "itimer"),
    /** async-profiler with per-thread CPU timers ({@code timer_create}). */
    ASYNC_CTIMER("async-profiler/ctimer", "ctimer"),
    /** JDK Flight Recorder execution and allocation samples. */
    JFR("jfr", null),
    /** Nothing samples; metrics (CPU time, allocated bytes, spans) are still measured. */
    NONE("none", null);

    private final String id;
    private final String cpuEvent;

    ProfilerEngine(String id, String cpuEvent) {
        this.id = id;
        this.cpuEvent = cpuEvent;
    }

    /** The engine as reports show it, e.g. {@code async-profiler/itimer}. */
    public String id() {
        return id;
    }

    /** async-profiler's name of the CPU event for this engine, or {@code null} when not async-profiler. */
    String cpuEvent() {
        return cpuEvent;
    }

    boolean isAsyncProfiler() {
        return cpuEvent != null;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * Parses the value of {@code flamegate.profiler.engine}: {@code auto} (null result), {@code async}/{@code cpu},
     * {@code itimer}, {@code ctimer}, {@code jfr} or {@code none}.
     *
     * @return the forced engine, or {@code null} for {@code auto}
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ProfilerEngine parseForced(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "", "auto": return null;
            case "async", "async-profiler", "cpu", "perf": return ASYNC_CPU;
            case "itimer": return ASYNC_ITIMER;
            case "ctimer": return ASYNC_CTIMER;
            case "jfr": return JFR;
            case "none", "off": return NONE;
            default:
                throw new IllegalArgumentException("Unknown profiler engine '" + value
                        + "': expected auto, async, itimer, ctimer, jfr or none");
        }
    }
}
