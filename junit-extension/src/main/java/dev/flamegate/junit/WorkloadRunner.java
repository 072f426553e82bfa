package dev.flamegate.junit;

import dev.flamegate.capture.ProfileCapture;
import dev.flamegate.capture.ProfilerEngine;
import dev.flamegate.capture.ProfilerSession;
import dev.flamegate.capture.ThreadCounters;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.FrameNormalizer;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a workload the way {@link ProfiledTest} documents: calibration, warm-up rounds, then measured rounds
 * under the profiler, thread counters and span capture. Knows nothing of JUnit beyond the config.
 */
final class WorkloadRunner {

    private static final FrameNormalizer NORMALIZER = FrameNormalizer.defaults();
    /** The frames that call the test body: everything above them belongs to the launcher. */
    private static final List<String> BODY_CALLERS = List.of(FlamegateExtension.class.getName() + ".",
            WorkloadRunner.class.getName() + ".");

    /**
     * A round's profile as it should compare between runs, launchers and machines: frame names normalised
     * (lambda and hidden-class addresses differ per JVM), the test thread's stacks re-rooted at the test
     * method (everything above flamegate's own frame is the launcher: Surefire, Gradle, an IDE, whose frames
     * would otherwise make every call path differ).
     */
    static Profile workloadView(Profile profile) {
        Profile normalized = NORMALIZER.normalize(profile);
        List<dev.flamegate.profile.Stack> stacks = new ArrayList<>(normalized.stacks().size());
        for (dev.flamegate.profile.Stack stack : normalized.stacks()) {
            List<String> frames = stack.frames();
            int cut = -1;
            for (int i = frames.size() - 1; i >= 0 && cut < 0; i--) {
                String frame = frames.get(i);
                if (BODY_CALLERS.stream().anyMatch(frame::startsWith)) {
                    cut = i;
                }
            }
            stacks.add(cut < 0 || cut == frames.size() - 1 ? stack
                    : new dev.flamegate.profile.Stack(frames.subList(cut + 1, frames.size()), stack.weight()));
        }
        return normalized.withStacks(stacks);
    }

    /** One invocation of the test body; throws what the body throws. */
    @FunctionalInterface
    interface Workload {
        void invoke() throws Throwable;
    }

    /**
     * What a run measured.
     *
     * @param measurement the rounds
     * @param merged per event, all rounds' profiles merged, for flame graphs
     * @param recording a copy of the last round's JFR recording, owned by the caller, when the engine wrote one
     * @param engine what sampled
     * @param warnings why better engines were skipped
     */
    record Result(Measurement measurement, Map<Event, Profile> merged, Optional<Path> recording,
            ProfilerEngine engine, List<String> warnings) {
    }

    private static final int MAX_CALIBRATED = 1 << 20;

    private WorkloadRunner() {
    }

    static Result run(ProfilingConfig config, String id, String displayName, Workload workload, SpanRecorder spans)
            throws Throwable {
        int perRound = config.invocationsPerRound() == ProfilingConfig.AUTO
                ? calibrate(workload, config.roundTime().toNanos())
                : config.invocationsPerRound();
        for (int r = 0; r < config.warmup(); r++) {
            invoke(workload, perRound);
        }
        List<Round> rounds = new ArrayList<>(config.rounds());
        Map<Event, Profile.Builder> merged = new EnumMap<>(Event.class);
        Optional<Path> recording = Optional.empty();
        try (ProfilerSession session = ProfilerSession.open(config.profiler())) {
            for (int r = 0; r < config.rounds(); r++) {
                if (spans != null) {
                    spans.reset();
                }
                List<SpanData> firstInvocationSpans = List.of();
                session.start();
                ThreadCounters.Reading counters = ThreadCounters.start();
                for (int i = 0; i < perRound; i++) {
                    workload.invoke();
                    if (i == 0 && spans != null) {
                        firstInvocationSpans = List.copyOf(spans.finishedSpans());
                    }
                }
                ThreadCounters.Usage usage = counters.stop();
                ProfileCapture capture = session.stop();
                Map<Metric, Double> metrics = new LinkedHashMap<>(usage.perInvocation(perRound));
                if (spans != null) {
                    metrics.put(Metric.SPAN_COUNT, spans.finishedSpans().size() / (double) perRound);
                }
                // Frame names as two JVMs agree on them: lambda and hidden-class addresses differ per JVM.
                Map<Event, Profile> roundProfiles = new EnumMap<>(Event.class);
                capture.profiles().forEach((event, profile) -> roundProfiles.put(event, workloadView(profile)));
                rounds.add(new Round(r, perRound, metrics, roundProfiles, firstInvocationSpans));
                roundProfiles.forEach((event, profile) -> merge(merged, event, profile));
                if (r == config.rounds() - 1) {
                    recording = copy(capture.recording());
                }
            }
            Map<Event, Profile> profiles = new EnumMap<>(Event.class);
            merged.forEach((event, builder) -> profiles.put(event, builder.build()));
            Measurement measurement = new Measurement(id, displayName, Environment.current(session.engine().id()), rounds);
            return new Result(measurement, profiles, recording, session.engine(), session.warnings());
        }
    }

    /** Doubles the invocation count until a batch takes half the round time, then scales to a full round. */
    private static int calibrate(Workload workload, long roundNanos) throws Throwable {
        long batch = 1;
        while (true) {
            long start = System.nanoTime();
            invoke(workload, batch);
            long elapsed = Math.max(1, System.nanoTime() - start);
            if (elapsed >= roundNanos / 2 || batch >= MAX_CALIBRATED) {
                return (int) Math.max(1, Math.min(MAX_CALIBRATED, Math.round((double) batch * roundNanos / elapsed)));
            }
            batch *= 2;
        }
    }

    private static void invoke(Workload workload, long times) throws Throwable {
        for (long i = 0; i < times; i++) {
            workload.invoke();
        }
    }

    private static void merge(Map<Event, Profile.Builder> merged, Event event, Profile profile) {
        Profile.Builder builder = merged.computeIfAbsent(event,
                e -> Profile.builder(e, profile.unit()).metadata(profile.metadata()));
        for (Stack stack : profile.stacks()) {
            builder.add(stack.frames(), stack.weight());
        }
    }

    private static Optional<Path> copy(Optional<Path> recording) throws IOException {
        if (recording.isEmpty() || !Files.isRegularFile(recording.get())) {
            return Optional.empty();
        }
        Path copy = Files.createTempFile("flamegate-", ".jfr");
        Files.copy(recording.get(), copy, StandardCopyOption.REPLACE_EXISTING);
        return Optional.of(copy);
    }
}
