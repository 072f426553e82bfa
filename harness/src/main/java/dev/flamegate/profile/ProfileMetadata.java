package dev.flamegate.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * How a profile was taken.
 *
 * @param interval the sampling interval in the event's own terms (nanoseconds for {@code cpu} and
 *     {@code wall}, bytes for {@code alloc}, nanoseconds for {@code lock}); 0 when unknown
 * @param duration how long profiling ran; {@link Duration#ZERO} when unknown
 * @param engine what produced the samples, e.g. {@code async-profiler/cpu}, {@code async-profiler/itimer},
 *     {@code jfr}, {@code file}; never blank
 */
public record ProfileMetadata(long interval, Duration duration, String engine) {

    /** Metadata of a profile read from a file that says nothing about how it was taken. */
    public static final ProfileMetadata UNKNOWN = new ProfileMetadata(0, Duration.ZERO, "file");

    public ProfileMetadata {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(engine, "engine");
        if (interval < 0) {
            throw new IllegalArgumentException("interval must not be negative, was " + interval);
        }
        if (engine.isBlank()) {
            throw new IllegalArgumentException("engine must not be blank");
        }
    }
}
