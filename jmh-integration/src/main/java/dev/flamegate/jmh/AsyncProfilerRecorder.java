package dev.flamegate.jmh;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.JfrFormat;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.ProfileMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import one.profiler.AsyncProfiler;

/**
 * Drives async-profiler through its Java API inside one JVM: start all events into one JFR recording,
 * stop, read the recording back as one {@link Profile} per event. Falls back from perf-event CPU
 * sampling to {@code itimer} when perf events are not allowed.
 */
final class AsyncProfilerRecorder {

    private final AsyncProfiler profiler;
    private final ProfilerOptions options;
    private String cpuEngine = "cpu";
    private Path recording;
    private long startedNanos;

    private AsyncProfilerRecorder(AsyncProfiler profiler, ProfilerOptions options) {
        this.profiler = profiler;
        this.options = options;
    }

    /**
     * Loads async-profiler's native library from its jar.
     *
     * @throws IllegalStateException with the reason when this platform has no usable async-profiler
     */
    static AsyncProfilerRecorder load(ProfilerOptions options) {
        try {
            return new AsyncProfilerRecorder(AsyncProfiler.getInstance(), options);
        } catch (Throwable e) { // UnsatisfiedLinkError, missing class, unsupported OS: all mean "not here"
            throw new IllegalStateException("async-profiler cannot load here (" + e + ")", e);
        }
    }

    /** The engine that samples, e.g. {@code async-profiler/cpu} or {@code async-profiler/itimer}. */
    String engine() {
        return "async-profiler/" + (options.events().contains(Event.CPU) ? cpuEngine : firstEvent().id());
    }

    /** Starts sampling into a recording at {@code jfr}. */
    void start(Path jfr) throws IOException {
        recording = jfr;
        try {
            profiler.execute(command(cpuEngine, jfr));
        } catch (IllegalStateException e) {
            if (!options.events().contains(Event.CPU) || !"cpu".equals(cpuEngine)) {
                throw e;
            }
            cpuEngine = "itimer"; // perf events not permitted (perf_event_paranoid, containers)
            profiler.execute(command(cpuEngine, jfr));
        }
        startedNanos = System.nanoTime();
    }

    /** Stops sampling and reads the recording; the map holds every requested event, empty when it had no samples. */
    Map<Event, Profile> stop() throws IOException {
        profiler.execute("stop");
        Duration duration = Duration.ofNanos(System.nanoTime() - startedNanos);
        try {
            Map<Event, Profile> read = JfrFormat.read(recording);
            Map<Event, Profile> profiles = new EnumMap<>(Event.class);
            for (Event event : options.events()) {
                ProfileMetadata metadata = new ProfileMetadata(interval(event), duration, engine());
                Profile profile = read.get(event);
                profiles.put(event, profile == null
                        ? Profile.empty(event, event.defaultUnit(), metadata)
                        : profile.withMetadata(metadata));
            }
            return profiles;
        } finally {
            Files.deleteIfExists(recording);
        }
    }

    private String command(String cpu, Path jfr) {
        StringBuilder command = new StringBuilder("start");
        if (options.events().contains(Event.CPU)) {
            command.append(",event=").append(cpu).append(",interval=").append(options.interval());
        } else if (firstEvent() == Event.ALLOC) {
            command.append(",event=alloc");
        }
        if (options.events().contains(Event.WALL)) {
            command.append(",wall=").append(options.interval());
        }
        if (options.events().contains(Event.ALLOC)) {
            command.append(",alloc=").append(options.allocInterval());
        }
        if (options.events().contains(Event.LOCK)) {
            command.append(",lock=").append(options.lockThreshold());
        }
        return command.append(",jfr,file=").append(jfr.toAbsolutePath()).toString();
    }

    private long interval(Event event) {
        return switch (event) {
            case CPU, WALL -> options.interval();
            case ALLOC -> options.allocInterval();
            case LOCK -> options.lockThreshold();
        };
    }

    private Event firstEvent() {
        return options.events().stream().sorted().findFirst().orElse(Event.CPU);
    }
}
