package dev.flamegate.capture;

import dev.flamegate.profile.Event;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a {@link ProfilerSession} samples and how.
 *
 * @param events the events to sample; empty samples nothing (metrics are still measured)
 * @param cpuInterval sampling interval of {@code cpu} and {@code wall}
 * @param allocInterval bytes between allocation samples
 * @param lockThreshold shortest lock wait recorded
 * @param forcedEngine an engine to use instead of the fallback chain, or {@code null} for the chain
 * @param required fail instead of degrading when the first engine of the chain (or the forced one) is unavailable
 * @param perfEvent the event async-profiler samples {@code cpu} with on its perf-events engine: {@code cpu}
 *        (default) or another of its perf events ({@code cycles}, {@code cache-misses}, ...); where the kernel
 *        refuses it, the chain goes on to {@code itimer} with a warning
 */
public record ProfilerSettings(Set<Event> events, Duration cpuInterval, long allocInterval, Duration lockThreshold,
        ProfilerEngine forcedEngine, boolean required, String perfEvent) {

    /** System property or configuration key forcing an engine: {@code auto|async|itimer|ctimer|jfr|none}. */
    public static final String ENGINE_KEY = "flamegate.profiler.engine";
    /** Configuration key: {@code true} makes a missing profiler an error instead of a warning. */
    public static final String REQUIRED_KEY = "flamegate.profiler.required";
    /** Configuration key: CPU sampling interval, e.g. {@code 1ms}, {@code 500us}. */
    public static final String INTERVAL_KEY = "flamegate.profiler.interval";
    /** Configuration key: bytes between allocation samples, e.g. {@code 512k}. */
    public static final String ALLOC_INTERVAL_KEY = "flamegate.profiler.alloc";
    /** Configuration key: async-profiler's perf event for {@code cpu}, e.g. {@code cycles}; default {@code cpu}. */
    public static final String PERF_EVENT_KEY = "flamegate.profiler.perfEvent";
    /** The default {@link #perfEvent()}: async-profiler's own choice of the best CPU clock. */
    public static final String DEFAULT_PERF_EVENT = "cpu";

    public ProfilerSettings {
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
        Objects.requireNonNull(cpuInterval, "cpuInterval");
        Objects.requireNonNull(lockThreshold, "lockThreshold");
        if (cpuInterval.isNegative() || cpuInterval.isZero()) {
            throw new IllegalArgumentException("cpu interval must be positive, was " + cpuInterval);
        }
        if (allocInterval <= 0) {
            throw new IllegalArgumentException("alloc interval must be positive, was " + allocInterval);
        }
        perfEvent = perfEvent == null || perfEvent.isBlank() ? DEFAULT_PERF_EVENT : perfEvent.trim();
        if (!perfEvent.matches("[A-Za-z0-9_.:/-]+")) {
            // It goes into async-profiler's comma-separated command line.
            throw new IllegalArgumentException("perf event must be one word such as cpu or cycles, was '" + perfEvent + "'");
        }
    }

    /** Settings with the default perf event. */
    public ProfilerSettings(Set<Event> events, Duration cpuInterval, long allocInterval, Duration lockThreshold,
            ProfilerEngine forcedEngine, boolean required) {
        this(events, cpuInterval, allocInterval, lockThreshold, forcedEngine, required, DEFAULT_PERF_EVENT);
    }

    /** Samples {@code events} with the defaults: 1 ms CPU interval, 512 KiB allocation interval, 10 µs lock threshold. */
    public static ProfilerSettings of(Set<Event> events) {
        return new ProfilerSettings(events, Duration.ofMillis(1), 512 * 1024, Duration.ofNanos(10_000), null, false);
    }

    /**
     * The defaults for {@code events} overridden by configuration values looked up in {@code config}
     * (e.g. {@code System::getProperty}); unknown values fail with {@link IllegalArgumentException}.
     */
    public static ProfilerSettings of(Set<Event> events, Function<String, String> config) {
        ProfilerSettings defaults = of(events);
        String interval = config.apply(INTERVAL_KEY);
        String alloc = config.apply(ALLOC_INTERVAL_KEY);
        return new ProfilerSettings(events,
                interval == null ? defaults.cpuInterval : Durations.parse(INTERVAL_KEY, interval),
                alloc == null ? defaults.allocInterval : Durations.parseBytes(ALLOC_INTERVAL_KEY, alloc),
                defaults.lockThreshold,
                ProfilerEngine.parseForced(config.apply(ENGINE_KEY)),
                Boolean.parseBoolean(config.apply(REQUIRED_KEY)),
                config.apply(PERF_EVENT_KEY));
    }

    /** These settings with other events. */
    public ProfilerSettings withEvents(Set<Event> newEvents) {
        return new ProfilerSettings(newEvents, cpuInterval, allocInterval, lockThreshold, forcedEngine, required, perfEvent);
    }

    /** These settings with a forced engine ({@code null}: the fallback chain). */
    public ProfilerSettings withEngine(ProfilerEngine engine) {
        return new ProfilerSettings(events, cpuInterval, allocInterval, lockThreshold, engine, required, perfEvent);
    }
}
