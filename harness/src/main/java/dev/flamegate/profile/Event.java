package dev.flamegate.profile;

import java.util.Locale;

/**
 * The profiled event a {@link Profile} is weighted by: the JVM counterparts of pprof's CPU, heap,
 * mutex and block profiles.
 */
public enum Event {
    /** On-CPU samples (async-profiler {@code cpu}, {@code itimer} or {@code ctimer}; JFR execution samples). */
    CPU("cpu", WeightUnit.SAMPLES),
    /** Allocation samples weighted by allocated bytes (async-profiler {@code alloc}). */
    ALLOC("alloc", WeightUnit.BYTES),
    /** Contended monitor and lock waits weighted by time blocked (async-profiler {@code lock}). */
    LOCK("lock", WeightUnit.NANOSECONDS),
    /** Wall-clock samples of running and waiting threads (async-profiler {@code wall}). */
    WALL("wall", WeightUnit.SAMPLES);

    private final String id;
    private final WeightUnit defaultUnit;

    Event(String id, WeightUnit defaultUnit) {
        this.id = id;
        this.defaultUnit = defaultUnit;
    }

    /** The lower-case name used in files, options and async-profiler commands. */
    public String id() {
        return id;
    }

    /** The unit flamegate records this event's weights in unless told otherwise. */
    public WeightUnit defaultUnit() {
        return defaultUnit;
    }

    /**
     * Parses an event name case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Event parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Event event : values()) {
            if (event.id.equals(wanted)) {
                return event;
            }
        }
        throw new IllegalArgumentException("Unknown event '" + name + "': expected one of cpu, alloc, lock, wall");
    }

    @Override
    public String toString() {
        return id;
    }
}
