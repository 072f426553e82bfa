package dev.flamegate.junit;

import dev.flamegate.artifacts.RoundChart;
import dev.flamegate.capture.JvmActivity;
import dev.flamegate.capture.PrivateFiles;
import dev.flamegate.capture.ProfileCapture;
import dev.flamegate.capture.ProfilerEngine;
import dev.flamegate.capture.ProfilerSession;
import dev.flamegate.capture.ThreadCounters;
import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Precision;
import dev.flamegate.measure.Round;
import dev.flamegate.measure.SteadyState;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.FrameNormalizer;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import dev.flamegate.redact.Redactor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a workload the way {@link ProfiledTest} documents: warm-up rounds (which calibrate), then measured rounds
 * under the profiler, thread counters and span capture. Knows nothing of JUnit beyond the config.
 */
final class WorkloadRunner {

    private static final FrameNormalizer NORMALIZER = FrameNormalizer.defaults();
    /** The frame that calls the test body: everything above it belongs to the launcher. */
    private static final String BODY_CALLER = FlamegateExtension.class.getName() + ".";
    /** flamegate's own frames around the body (counters, profiler windows). */
    private static final String RUNNER = WorkloadRunner.class.getName() + ".";
    /** Root of stacks of flamegate's own work on the test thread; not a Java frame, so never the workload's. */
    static final String OWN_WORK = "[flamegate]";

    /**
     * A round's profile as it should compare between runs, launchers and machines: frame names normalised
     * (lambda and hidden-class addresses differ per JVM), the test thread's stacks re-rooted at the test
     * method (everything above flamegate's own frame is the launcher: Surefire, Gradle, an IDE, whose frames
     * would otherwise make every call path differ), and flamegate's own work on that thread (thread
     * counters, profiler windows) put under {@value #OWN_WORK}.
     */
    static Profile workloadView(Profile profile) {
        Profile normalized = NORMALIZER.normalize(profile);
        List<Stack> stacks = new ArrayList<>(normalized.stacks().size());
        for (Stack stack : normalized.stacks()) {
            List<String> frames = stack.frames();
            int body = -1;
            int runner = -1;
            for (int i = frames.size() - 1; i >= 0 && body < 0; i--) {
                String frame = frames.get(i);
                if (frame.startsWith(BODY_CALLER)) {
                    body = i;
                } else if (runner < 0 && frame.startsWith(RUNNER)) {
                    runner = i;
                }
            }
            if (body >= 0 && body < frames.size() - 1) {
                stacks.add(new Stack(frames.subList(body + 1, frames.size()), stack.weight()));
            } else if (body >= 0 || runner >= 0) {
                List<String> own = new ArrayList<>();
                own.add(OWN_WORK);
                own.addAll(frames.subList(body >= 0 ? body : runner, frames.size()));
                stacks.add(new Stack(own, stack.weight()));
            } else {
                stacks.add(stack);
            }
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
     * @param recording the JFR recording of the measured rounds, owned by the caller, when the engine wrote one
     * @param engine what sampled
     * @param warnings why better engines were skipped
     * @param notes how the run was paced: warm-up that did not settle, rounds added for precision, measured
     *              rounds with JIT compilation or GC; they go into the comparison's notes
     * @param timeline    every round, warm-up then measured, for the round chart
     */
    record Result(Measurement measurement, Map<Event, Profile> merged, Optional<Path> recording,
            ProfilerEngine engine, List<String> warnings, List<String> notes, List<RoundChart.Point> timeline) {
    }

    private static final int MAX_CALIBRATED = 1 << 20;

    private WorkloadRunner() {
    }

    static Result run(ProfilingConfig config, String id, String displayName, Workload workload, SpanRecorder spans)
            throws Throwable {
        // The profiler runs from the first warm-up round on: starting it (JVMTI allocation sampling) makes the
        // JVM deoptimise compiled code, and rounds measured right after that ran 4-10 x slower until C2 was done
        // again. Only the measured rounds' windows are read from the recording.
        try (ProfilerSession session = ProfilerSession.open(config.profiler())) {
            session.startWindows();
            WarmUp warmUp = warmUp(workload, config);
            int perRound = warmUp.invocationsPerRound();
            List<String> notes = new ArrayList<>();
            warmUp.unsettled().ifPresent(why -> notes.add(String.format(Locale.ROOT,
                    "warm-up did not reach steady state in %d rounds (%.1f s): %s; time metrics of this run measure the JIT too",
                    warmUp.rounds().size(), warmUp.nanos() / 1e9, why)));
            List<RoundChart.Point> timeline = new ArrayList<>();
            warmUp.rounds().forEach(w -> timeline.add(new RoundChart.Point(w.nanosPerInvocation(), true, w.disturbed())));
            List<Map<Metric, Double>> metrics = new ArrayList<>(config.rounds());
            List<List<SpanData>> spansOfRounds = new ArrayList<>(config.rounds());
            JvmActivity activity = JvmActivity.start();
            int busyRounds = 0;
            int gcRounds = 0;
            int growingRounds = 0;
            // One recording for all rounds, read after the last one: no profiler start, stop or parsing per round.
            // Past the configured rounds, more run while the CPU time per invocation is not yet known to the
            // precision asked for and the round limit allows.
            for (int r = 0; r < config.rounds() || (r < config.maxRounds() && !preciseEnough(metrics, config)); r++) {
                if (spans != null) {
                    spans.reset();
                }
                List<SpanData> firstInvocationSpans = List.of();
                session.beginWindow();
                ThreadCounters.Reading counters = ThreadCounters.start();
                for (int i = 0; i < perRound; i++) {
                    checkInterrupt();
                    workload.invoke();
                    if (i == 0 && spans != null) {
                        firstInvocationSpans = List.copyOf(spans.finishedSpans());
                    }
                }
                ThreadCounters.Usage usage = counters.stop();
                session.endWindow();
                JvmActivity.Delta during = activity.next();
                SteadyState.Round round = during.asRound((double) usage.wallNanos() / perRound, usage.wallNanos());
                busyRounds += round.jitBusy() ? 1 : 0;
                growingRounds += round.heapGrowing() ? 1 : 0;
                gcRounds += during.collections() > 0 ? 1 : 0;
                timeline.add(new RoundChart.Point(round.nanosPerInvocation(), false, round.disturbed() || during.collections() > 0));
                Map<Metric, Double> roundMetrics = new LinkedHashMap<>(usage.perInvocation(perRound));
                if (spans != null) {
                    roundMetrics.put(Metric.SPAN_COUNT, spans.finishedSpans().size() / (double) perRound);
                }
                metrics.add(roundMetrics);
                spansOfRounds.add(firstInvocationSpans);
            }
            int measured = metrics.size();
            if (measured > config.rounds()) {
                notes.add(String.format(Locale.ROOT, "%d measured rounds instead of %d: CPU time per invocation"
                        + " varied between rounds (interval ±%.1f %%, asked ±%.1f %%)", measured, config.rounds(),
                        100 * Precision.relativeHalfWidth(cpuPerRound(metrics)), 100 * config.precision()));
            }
            if (busyRounds > 0 || gcRounds > 0) {
                notes.add(String.format(Locale.ROOT, "measured rounds with JIT compilation or class loading: %d of %d;"
                        + " with garbage collection: %d of %d", busyRounds, measured, gcRounds, measured));
            }
            if (growingRounds > 0) {
                notes.add(String.format(Locale.ROOT, "measured rounds on a growing heap (page faults on fresh memory): %d of %d;"
                        + " %s", growingRounds, measured, SteadyState.FIXED_HEAP));
            }
            List<ProfileCapture> captures = session.finishWindows();
            List<Round> rounds = new ArrayList<>(measured);
            // Redaction runs regexes over each name: once per distinct frame of the whole run, not per round.
            Map<String, String> redacted = new HashMap<>();
            Redactor redactor = config.redactor();
            for (int r = 0; r < measured; r++) {
                // Frame names as two JVMs agree on them (lambda and hidden-class addresses differ per JVM), and
                // without secrets, before they reach baselines, artifacts or the console.
                Map<Event, Profile> roundProfiles = new EnumMap<>(Event.class);
                captures.get(r).profiles().forEach((event, profile) -> roundProfiles.put(event,
                        workloadView(profile).withFramesRenamed(frame -> redacted.computeIfAbsent(frame, redactor::redact))));
                rounds.add(new Round(r, perRound, metrics.get(r), roundProfiles, spansOfRounds.get(r)));
            }
            Optional<Path> recording = captures.isEmpty() || !config.keepRecording() ? Optional.empty()
                    : takeOver(captures.get(captures.size() - 1).recording());
            Measurement measurement = new Measurement(id, displayName, Environment.current(session.engine().id()), rounds);
            Map<Event, Profile> profiles = measurement.mergedProfiles();
            return new Result(measurement, profiles, recording, session.engine(), session.warnings(), List.copyOf(notes),
                    List.copyOf(timeline));
        }
    }

    /**
     * How warm-up went.
     *
     * @param invocationsPerRound invocations per measured round
     * @param rounds              the warm-up rounds run
     * @param nanos               their wall time
     * @param unsettled           why the JVM had not settled when the warm-up budget ran out; empty when it had
     */
    record WarmUp(int invocationsPerRound, List<SteadyState.Round> rounds, long nanos, Optional<String> unsettled) {
    }

    /**
     * Runs warm-up rounds until the JVM has reached steady state ({@link SteadyState}: the JIT quiet, rounds no
     * longer getting faster), at least {@code warmup} of them, at most {@code maxWarmupRounds} or for
     * {@code warmupBudget}. With a fixed {@code invocationsPerRound} each round runs that many; calibrated,
     * each runs for the round time and the last sets the count: by then the body is compiled and its caches
     * are warm, whereas the first, interpreted invocations (class loading, JIT) can be many times slower and
     * would leave the measured rounds far shorter than the round time.
     */
    static WarmUp warmUp(Workload workload, ProfilingConfig config) throws Throwable {
        boolean fixed = config.invocationsPerRound() != ProfilingConfig.AUTO;
        long roundNanos = Math.max(1, config.roundTime().toNanos());
        long budget = config.warmupBudget().toNanos();
        List<SteadyState.Round> rounds = new ArrayList<>();
        JvmActivity activity = JvmActivity.start();
        long start = System.nanoTime();
        long[] last;
        do {
            last = fixed ? fixedRound(workload, config.invocationsPerRound()) : timedRound(workload, roundNanos);
            rounds.add(activity.next().asRound((double) last[1] / last[0], last[1]));
        } while (rounds.size() < Math.max(1, config.warmup())
                || (!SteadyState.reached(rounds) && rounds.size() < config.maxWarmupRounds() && System.nanoTime() - start < budget));
        int perRound = fixed ? config.invocationsPerRound()
                : (int) Math.max(1, Math.min(MAX_CALIBRATED, Math.round((double) last[0] * roundNanos / last[1])));
        Optional<String> unsettled = config.warmupBudget().isZero() ? Optional.empty() : SteadyState.whyNot(rounds);
        return new WarmUp(perRound, List.copyOf(rounds), System.nanoTime() - start, unsettled);
    }

    private static long[] fixedRound(Workload workload, int invocations) throws Throwable {
        long start = System.nanoTime();
        invoke(workload, invocations);
        return new long[] {invocations, Math.max(1, System.nanoTime() - start)};
    }

    /** Whether the measured rounds so far know the CPU time per invocation to {@link ProfilingConfig#precision()}. */
    private static boolean preciseEnough(List<Map<Metric, Double>> metrics, ProfilingConfig config) {
        double[] cpu = cpuPerRound(metrics);
        return cpu.length == 0 || Precision.relativeHalfWidth(cpu) <= config.precision();
    }

    private static double[] cpuPerRound(List<Map<Metric, Double>> metrics) {
        return metrics.stream().map(m -> m.get(Metric.CPU_TIME)).filter(v -> v != null && v > 0)
                .mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Invokes the workload until {@code roundNanos} have passed (or {@link #MAX_CALIBRATED} invocations ran);
     * returns {invocations, elapsed nanoseconds}. The clock is read between batches that at most double, each
     * sized to what is left of the round at the rate so far, so a fast body is not dominated by clock reads
     * and the round overshoots by little more than one invocation.
     */
    private static long[] timedRound(Workload workload, long roundNanos) throws Throwable {
        long start = System.nanoTime();
        long done = 0;
        long batch = 1;
        while (true) {
            invoke(workload, batch);
            done += batch;
            long elapsed = Math.max(1, System.nanoTime() - start);
            if (elapsed >= roundNanos || done >= MAX_CALIBRATED) {
                return new long[] {done, elapsed};
            }
            long left = (long) ((roundNanos - elapsed) * ((double) done / elapsed));
            batch = Math.max(1, Math.min(Math.min(left, done), MAX_CALIBRATED - done));
        }
    }

    private static void invoke(Workload workload, long times) throws Throwable {
        for (long i = 0; i < times; i++) {
            checkInterrupt();
            workload.invoke();
        }
    }

    /**
     * Stops between two invocations once the test thread is interrupted ({@code @Timeout} interrupts it when the
     * time is up): a body that never waits would otherwise run all remaining rounds, and under a separate-thread
     * timeout keep the profiler from the next test. The flag stays set, as JUnit expects to find it.
     */
    private static void checkInterrupt() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("flamegate stopped the measured repetitions: the test thread was interrupted");
        }
    }

    /**
     * Moves a recording to keep out of the session's directory, which closing the session deletes, into an
     * owner-only directory of its own; {@link #discard} deletes both.
     */
    private static Optional<Path> takeOver(Optional<Path> recording) throws IOException {
        if (recording.isEmpty() || !Files.isRegularFile(recording.get())) {
            return Optional.empty();
        }
        Path target = PrivateFiles.createTempDirectory("flamegate-recording-").resolve("profile.jfr");
        try {
            Files.move(recording.get(), target);
        } catch (IOException e) {
            PrivateFiles.deleteRecursively(target.getParent());
            throw e;
        }
        return Optional.of(target);
    }

    /** Deletes what is left of a run's recording (nothing once it was moved into the artifacts). */
    static void discard(Result result) {
        result.recording().ifPresent(file -> {
            try {
                PrivateFiles.deleteRecursively(file.getParent());
            } catch (IOException e) {
                System.out.println(ConsolePrefix.line("warning: could not delete the recording " + file + ": " + e.getMessage()));
            }
        });
    }
}
