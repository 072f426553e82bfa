package dev.flamegate.capture;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.JfrFormat;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.ProfileMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Profiles all threads of this JVM between {@link #start()} and {@link #stop()}, as often as needed,
 * with the best engine that works here.
 *
 * <p><b>Fallback chain</b> (unless {@link ProfilerSettings#forcedEngine()} picks one): async-profiler with
 * perf events ({@code cpu}), async-profiler {@code itimer}, async-profiler {@code ctimer}, JDK Flight
 * Recorder ({@code jdk.ExecutionSample}, {@code jdk.ObjectAllocationSample}, {@code jdk.JavaMonitorEnter}),
 * none. An engine that cannot load or start (no native library for the platform, perf events forbidden,
 * the profiler already started by someone else such as a {@code -agentpath} agent) is skipped with a
 * {@linkplain #warnings() warning}; {@link #engine()} says which one ran. Only with
 * {@link ProfilerSettings#required()} does a missing profiler fail, with {@link ProfilerUnavailableException}.
 * When async-profiler itself falls back from perf events to a timer without saying so in its reply, the
 * engine still reads {@code async-profiler/cpu}.
 *
 * <p>Every window is recorded as JFR (the only output async-profiler writes several events into) and read
 * with {@link JfrFormat}, so frame names follow one convention whatever the engine.
 *
 * <p><b>Consecutive windows</b> (the rounds of one test) are cheaper with {@link #beginWindow()} /
 * {@link #endWindow()} and one {@link #finishWindows()}: the profiler starts and stops once and the
 * recording is read once, split into windows by the events' time stamps (see
 * {@link JfrFormat#readWindows}); what runs between windows is left out. Starting, stopping and reading
 * per window costs a few ms each time, tens of ms on a loaded machine.
 *
 * <p><b>One per JVM</b>: async-profiler is a process-wide singleton, so {@link #open} waits until any other
 * session of this JVM is {@linkplain #close() closed}. Not thread-safe: one thread drives a session.
 */
public final class ProfilerSession implements AutoCloseable {

    /** The JVM-wide guard: at most one open session. Fair, so waiting sessions run in arrival order. */
    private static final Semaphore JVM_GUARD = new Semaphore(1, true);

    private final ProfilerSettings settings;
    private final List<ProfilerEngine> candidates;
    private final List<String> warnings = new ArrayList<>();
    private final List<ProfilerEngine> tried = new ArrayList<>();
    private final Path workDir;
    private Backend backend;
    private boolean running;
    private boolean closed;
    private int windows;
    /** The {start, end} System.nanoTime() of each window of the running recording; end 0 while open. */
    private final List<long[]> windowBounds = new ArrayList<>();
    private long nanoTimeOrigin;

    private ProfilerSession(ProfilerSettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
        this.candidates = chain(settings);
    }

    /**
     * Opens a session, waiting for any other open session of this JVM to close.
     *
     * @throws IllegalStateException when interrupted while waiting (the interrupt flag stays set)
     */
    public static ProfilerSession open(ProfilerSettings settings) {
        try {
            JVM_GUARD.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another profiler session to finish", e);
        }
        try {
            return new ProfilerSession(settings, PrivateFiles.createTempDirectory("flamegate-profiler-"));
        } catch (IOException | RuntimeException e) {
            JVM_GUARD.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static List<ProfilerEngine> chain(ProfilerSettings settings) {
        if (settings.forcedEngine() != null) {
            return List.of(settings.forcedEngine());
        }
        if (settings.events().isEmpty()) {
            return List.of(ProfilerEngine.NONE);
        }
        return List.of(ProfilerEngine.ASYNC_CPU, ProfilerEngine.ASYNC_ITIMER, ProfilerEngine.ASYNC_CTIMER,
                ProfilerEngine.JFR, ProfilerEngine.NONE);
    }

    /**
     * Starts sampling. The first start picks the engine; should that engine stop working later, the next
     * one of the chain takes over (with a warning).
     *
     * @throws ProfilerUnavailableException when no engine works and the settings require one
     */
    public void start() {
        if (closed || running) {
            throw new IllegalStateException(closed ? "profiler session is closed" : "profiler session already started");
        }
        Path file = workDir.resolve("window-" + (++windows) + ".jfr");
        try {
            PrivateFiles.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording " + file, e);
        }
        while (true) {
            if (backend == null) {
                backend = nextBackend();
            }
            try {
                backend.start(file);
                running = true;
                return;
            } catch (RuntimeException | LinkageError e) {
                failed(backend.engine(), e);
                backend = null;
            }
        }
    }

    /** Stops sampling and returns what the window recorded. */
    public ProfileCapture stop() {
        if (!running) {
            throw new IllegalStateException("profiler session not started");
        }
        running = false;
        Optional<Path> file = backend.stop();
        Map<Event, Profile> read = file.map(JfrFormat::read).orElse(Map.of());
        return capture(read, durationOf(read), file);
    }

    private ProfileCapture capture(Map<Event, Profile> read, Duration duration, Optional<Path> file) {
        Map<Event, Profile> profiles = new EnumMap<>(Event.class);
        for (Event event : backend.events()) {
            ProfileMetadata metadata = new ProfileMetadata(interval(event), duration, backend.engine().id());
            Profile profile = read.get(event);
            profiles.put(event, profile == null
                    ? Profile.empty(event, event.defaultUnit(), metadata)
                    : profile.withMetadata(metadata));
        }
        return new ProfileCapture(backend.engine(), profiles, file);
    }

    /**
     * Starts the next of several consecutive windows (see the class comment); the first one starts the
     * profiler, with the fallbacks of {@link #start()}.
     *
     * @throws ProfilerUnavailableException when no engine works and the settings require one
     */
    public void beginWindow() {
        if (windowBounds.isEmpty()) {
            startWindows();
        } else if (windowBounds.get(windowBounds.size() - 1)[1] == 0) {
            throw new IllegalStateException("window already begun");
        }
        windowBounds.add(new long[] {System.nanoTime(), 0});
    }

    /**
     * Starts the profiler for the windows to come, ahead of the first one; nothing when it already runs for
     * them. Starting async-profiler makes the JVM deoptimise compiled code (JVMTI allocation sampling), so a
     * caller that warms up starts it first: the code is recompiled during warm-up, not while measuring.
     * Samples outside windows are not read.
     *
     * @throws ProfilerUnavailableException when no engine works and the settings require one
     */
    public void startWindows() {
        if (!running) {
            nanoTimeOrigin = JfrFormat.nanoTimeOrigin();
            start();
        }
    }

    /** Ends the window begun last. */
    public void endWindow() {
        long now = System.nanoTime();
        if (windowBounds.isEmpty() || windowBounds.get(windowBounds.size() - 1)[1] != 0) {
            throw new IllegalStateException("no window begun");
        }
        long[] window = windowBounds.get(windowBounds.size() - 1);
        window[1] = Math.max(now, window[0] + 1);
    }

    /**
     * Stops the profiler, reads the recording once and returns one capture per window, in order; every
     * capture's {@link ProfileCapture#recording() recording} is that one file. Windows can begin again afterwards.
     */
    public List<ProfileCapture> finishWindows() {
        if (windowBounds.isEmpty()) {
            return List.of();
        }
        if (windowBounds.get(windowBounds.size() - 1)[1] == 0) {
            throw new IllegalStateException("the last window was not ended");
        }
        long[] starts = windowBounds.stream().mapToLong(b -> b[0]).toArray();
        long[] ends = windowBounds.stream().mapToLong(b -> b[1]).toArray();
        windowBounds.clear();
        running = false;
        Optional<Path> file = backend.stop();
        List<Map<Event, Profile>> read = file.map(f -> JfrFormat.readWindows(f, nanoTimeOrigin, starts, ends)).orElse(null);
        List<ProfileCapture> captures = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            captures.add(capture(read == null ? Map.of() : read.get(i), Duration.ofNanos(ends[i] - starts[i]), file));
        }
        return List.copyOf(captures);
    }

    /** The engine that sampled the last window, or that will sample the next; {@code NONE} before any start. */
    public ProfilerEngine engine() {
        return backend == null ? ProfilerEngine.NONE : backend.engine();
    }

    /** Why engines of the chain were skipped, in order, e.g. {@code async-profiler/cpu unavailable: ...}. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Stops sampling if still running, deletes the session's recordings and lets the next session open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (running) {
                running = false;
                backend.stop();
            }
        } catch (RuntimeException e) {
            warnings.add("stopping " + backend.engine() + " failed: " + e.getMessage());
        } finally {
            deleteWorkDir();
            JVM_GUARD.release();
        }
    }

    private Backend nextBackend() {
        ProfilerEngine engine = candidates.stream().filter(c -> !tried.contains(c)).findFirst()
                .orElse(ProfilerEngine.NONE);
        if (engine == ProfilerEngine.NONE && settings.required() && settings.forcedEngine() != ProfilerEngine.NONE) {
            throw new ProfilerUnavailableException("No profiler available and " + ProfilerSettings.REQUIRED_KEY
                    + "=true: " + String.join("; ", warnings) + ". Allow perf events (sysctl"
                    + " kernel.perf_event_paranoid=1), set " + ProfilerSettings.ENGINE_KEY + "=jfr, or drop "
                    + ProfilerSettings.REQUIRED_KEY);
        }
        tried.add(engine);
        if (engine.isAsyncProfiler()) {
            return new AsyncBackend(engine, settings);
        }
        if (engine == ProfilerEngine.JFR) {
            if (settings.events().contains(Event.WALL)) {
                warnings.add("jfr cannot sample wall; that profile is left out");
            }
            return new JfrBackend(settings);
        }
        return new NoBackend();
    }

    private void failed(ProfilerEngine engine, Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
        warnings.add(engine + " unavailable: " + reason);
        if (engine.isAsyncProfiler() && e instanceof AsyncProfilerUnusable) {
            // Loading failed or someone else owns the profiler: the other async-profiler engines cannot work either.
            tried.add(ProfilerEngine.ASYNC_CPU);
            tried.add(ProfilerEngine.ASYNC_ITIMER);
            tried.add(ProfilerEngine.ASYNC_CTIMER);
        }
    }

    private long interval(Event event) {
        switch (event) {
            case CPU: case WALL: return settings.cpuInterval().toNanos();
            case ALLOC: return settings.allocInterval();
            case LOCK: return settings.lockThreshold().toNanos();
            default: return 0;
        }
    }

    private static Duration durationOf(Map<Event, Profile> read) {
        return read.values().stream().map(p -> p.metadata().duration()).findFirst().orElse(Duration.ZERO);
    }

    private void deleteWorkDir() {
        try {
            PrivateFiles.deleteRecursively(workDir);
        } catch (IOException e) {
            warnings.add("could not delete " + workDir + ": " + e.getMessage());
        }
    }

    /** One way of sampling. */
    private interface Backend {
        ProfilerEngine engine();

        List<Event> events();

        void start(Path file);

        Optional<Path> stop();
    }

    /** async-profiler is there but cannot be used at all by us (no library, or started by someone else). */
    private static final class AsyncProfilerUnusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AsyncProfilerUnusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class AsyncBackend implements Backend {
        private final ProfilerEngine engine;
        private final ProfilerSettings settings;
        private one.profiler.AsyncProfiler profiler;
        private Path file;

        AsyncBackend(ProfilerEngine engine, ProfilerSettings settings) {
            this.engine = engine;
            this.settings = settings;
        }

        @Override
        public ProfilerEngine engine() {
            return engine;
        }

        @Override
        public List<Event> events() {
            return List.copyOf(settings.events());
        }

        @Override
        public void start(Path target) {
            if (profiler == null) {
                try {
                    profiler = one.profiler.AsyncProfiler.getInstance();
                } catch (Throwable e) { // UnsatisfiedLinkError, no library for this platform, ...
                    throw new AsyncProfilerUnusable("cannot load async-profiler (" + e + ")", e);
                }
            }
            String status = execute("status");
            if (!status.contains("not active")) {
                throw new AsyncProfilerUnusable("async-profiler is already running in this JVM, started by someone"
                        + " else (an -agentpath agent?): " + status.trim(), null);
            }
            String reply;
            try {
                reply = execute(command(target));
            } catch (IllegalStateException e) { // async-profiler's refusal, e.g. "Perf events unavailable"
                throw new IllegalStateException(refused(e.getMessage()), e);
            }
            if (!reply.contains("started")) {
                throw new IllegalStateException(refused(reply.trim()));
            }
            file = target;
        }

        private String refused(String reason) {
            return engine == ProfilerEngine.ASYNC_CPU && settings.events().contains(Event.CPU)
                    ? "perf event '" + settings.perfEvent() + "' refused (" + reason + ")"
                    : reason;
        }

        private String command(Path target) {
            StringBuilder command = new StringBuilder("start");
            for (Event event : settings.events()) {
                switch (event) {
                    case CPU:
                        command.append(",event=").append(engine == ProfilerEngine.ASYNC_CPU ? settings.perfEvent() : engine.cpuEvent())
                                .append(",interval=").append(settings.cpuInterval().toNanos());
                        break;
                    case WALL:
                        command.append(",wall=").append(settings.cpuInterval().toNanos());
                        break;
                    case ALLOC:
                        command.append(",alloc=").append(settings.allocInterval());
                        break;
                    case LOCK:
                        command.append(",lock=").append(settings.lockThreshold().toNanos());
                        break;
                    default:
                        break;
                }
            }
            // clock=monotonic: time stamps are CLOCK_MONOTONIC nanoseconds, i.e. System.nanoTime() on Linux,
            // which finishWindows() splits by directly (see JfrFormat.readWindows).
            return command.append(",clock=monotonic,jfr,file=").append(target.toAbsolutePath()).toString();
        }

        @Override
        public Optional<Path> stop() {
            execute("stop");
            return Optional.of(file);
        }

        private String execute(String command) {
            try {
                return profiler.execute(command);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class JfrBackend implements Backend {
        private final ProfilerSettings settings;
        private jdk.jfr.Recording recording;
        private Path file;

        JfrBackend(ProfilerSettings settings) {
            this.settings = settings;
        }

        @Override
        public ProfilerEngine engine() {
            return ProfilerEngine.JFR;
        }

        @Override
        public List<Event> events() {
            return settings.events().stream().filter(e -> e != Event.WALL).toList();
        }

        @Override
        public void start(Path target) {
            jdk.jfr.Recording r = new jdk.jfr.Recording();
            r.setName("flamegate");
            r.setToDisk(true);
            for (Event event : settings.events()) {
                switch (event) {
                    case CPU:
                        // JFR does not sample faster than every 10 ms on all JDKs; ask for the configured rate anyway.
                        r.enable("jdk.ExecutionSample").withPeriod(settings.cpuInterval());
                        r.enable("jdk.NativeMethodSample").withPeriod(settings.cpuInterval());
                        break;
                    case ALLOC:
                        r.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
                        break;
                    case LOCK:
                        r.enable("jdk.JavaMonitorEnter").withThreshold(settings.lockThreshold());
                        break;
                    default:
                        break;
                }
            }
            r.start();
            recording = r;
            file = target;
        }

        @Override
        public Optional<Path> stop() {
            try (jdk.jfr.Recording r = recording) {
                r.stop();
                r.dump(file);
                return Optional.of(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                recording = null;
            }
        }
    }

    private static final class NoBackend implements Backend {
        @Override
        public ProfilerEngine engine() {
            return ProfilerEngine.NONE;
        }

        @Override
        public List<Event> events() {
            return List.of();
        }

        @Override
        public void start(Path target) {
        }

        @Override
        public Optional<Path> stop() {
            return Optional.empty();
        }
    }
}
