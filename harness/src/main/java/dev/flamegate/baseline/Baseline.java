package dev.flamegate.baseline;

import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.trace.TraceShape;
import dev.flamegate.trace.TraceShapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What was recorded for one test or benchmark id: the round-level values a later run is compared
 * against. Immutable.
 *
 * <p>A baseline keeps per-round values, never only totals, so that the comparison can measure the
 * noise between rounds: each {@link Metric}'s per-invocation value per round, and per profiled event a
 * {@link ProfileSummary} (per-frame total and self shares per round for frames above the prune share,
 * GC share, recursion depths, the merged pruned profile), and the trace shape when spans were captured.
 *
 * <p>Besides the measurement's own metrics, {@link #from} derives one metric per profiled event, the
 * profile's weight per invocation ({@code profile.cpu} in {@code samples/op}, {@code profile.alloc} in
 * {@code bytes/op}, see {@link #profileMetric(Event, String)}); the comparison falls back on these when a
 * run has no measured metrics (two directories of collapsed files compared from the CLI).
 */
public final class Baseline {

    /** The on-disk schema version this build writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** Prefix of the metrics derived from profile weights. */
    public static final String PROFILE_METRIC_PREFIX = "profile.";

    private final String id;
    private final String displayName;
    private final Environment environment;
    private final long[] invocations;
    private final Map<Metric, double[]> metrics;
    private final Map<Event, ProfileSummary> profiles;
    private final TraceShape traceShape;
    private final int[] runs;

    private Baseline(String id, String displayName, Environment environment, long[] invocations,
            Map<Metric, double[]> metrics, Map<Event, ProfileSummary> profiles, TraceShape traceShape, int[] runs) {
        this.id = Objects.requireNonNull(id, "id");
        this.runs = runs == null ? new int[invocations.length] : checkRuns(runs, invocations.length);
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.invocations = invocations.clone();
        Map<Metric, double[]> metricCopy = new TreeMap<>(Comparator.comparing(Metric::name));
        metrics.forEach((m, v) -> {
            if (v.length != invocations.length) {
                throw new IllegalArgumentException("metric " + m.name() + " has " + v.length + " values for "
                        + invocations.length + " rounds");
            }
            metricCopy.put(m, v.clone());
        });
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metricCopy));
        Map<Event, ProfileSummary> profileCopy = new EnumMap<>(Event.class);
        profileCopy.putAll(profiles);
        this.profiles = Collections.unmodifiableMap(profileCopy);
        this.traceShape = traceShape;
    }

    /**
     * Builds a baseline from {@code measurement}: per-round metric values (rounds missing a metric
     * drop that metric), the derived profile-weight metrics and one summary per profiled event.
     */
    public static Baseline from(Measurement measurement, BaselineOptions options) {
        Objects.requireNonNull(options, "options");
        List<Round> rounds = measurement.rounds();
        int n = rounds.size();
        long[] invocations = rounds.stream().mapToLong(Round::invocations).toArray();
        Map<Metric, double[]> metrics = new LinkedHashMap<>();
        for (Round round : rounds) {
            for (Metric metric : round.metrics().keySet()) {
                metrics.computeIfAbsent(metric, measurement::values);
            }
        }
        metrics.values().removeIf(values -> values.length != n);
        Map<Event, ProfileSummary> profiles = new EnumMap<>(Event.class);
        for (Event event : Event.values()) {
            if (rounds.stream().noneMatch(r -> r.profiles().containsKey(event))) {
                continue;
            }
            List<Profile> perRound = new ArrayList<>(n);
            double[] weights = new double[n];
            String unit = null;
            for (int r = 0; r < n; r++) {
                Profile profile = rounds.get(r).profiles().get(event);
                perRound.add(profile);
                if (profile != null) {
                    unit = profile.unit().symbol();
                    weights[r] = (double) profile.total() / rounds.get(r).invocations();
                }
            }
            profiles.put(event, ProfileSummary.of(event, perRound, options));
            metrics.putIfAbsent(profileMetric(event, unit), weights);
        }
        TraceShape shape = rounds.stream().anyMatch(r -> !r.spans().isEmpty())
                ? TraceShapes.consensus(measurement, options.shapeOptions()).stable()
                : null;
        return new Baseline(measurement.id(), measurement.displayName(), measurement.environment(), invocations,
                metrics, profiles, shape, null);
    }

    /** Assembles a baseline from stored parts without a trace shape. */
    public static Baseline of(String id, String displayName, Environment environment, long[] invocations,
            Map<Metric, double[]> metrics, Map<Event, ProfileSummary> profiles) {
        return new Baseline(id, displayName, environment, invocations, metrics, profiles, null, null);
    }

    /** Assembles a baseline from stored parts; {@link BaselineStore} uses it when loading. */
    public static Baseline of(String id, String displayName, Environment environment, long[] invocations,
            Map<Metric, double[]> metrics, Map<Event, ProfileSummary> profiles, Optional<TraceShape> traceShape) {
        return new Baseline(id, displayName, environment, invocations, metrics, profiles, traceShape.orElse(null), null);
    }

    /**
     * Assembles a baseline of several recorded runs from stored parts; {@code runs[i]} is the run (JVM)
     * that round {@code i} came from, starting at 0 and never decreasing.
     */
    public static Baseline of(String id, String displayName, Environment environment, long[] invocations,
            Map<Metric, double[]> metrics, Map<Event, ProfileSummary> profiles, Optional<TraceShape> traceShape,
            int[] runs) {
        return new Baseline(id, displayName, environment, invocations, metrics, profiles, traceShape.orElse(null),
                Objects.requireNonNull(runs, "runs"));
    }

    private static int[] checkRuns(int[] runs, int rounds) {
        if (runs.length != rounds) {
            throw new IllegalArgumentException("runs name " + runs.length + " rounds, not " + rounds);
        }
        for (int i = 0; i < runs.length; i++) {
            int previous = i == 0 ? 0 : runs[i - 1];
            if (runs[i] < previous || runs[i] > previous + 1 || (i == 0 && runs[i] != 0)) {
                throw new IllegalArgumentException("runs must count up from 0 in steps of 1 round by round, was "
                        + Arrays.toString(runs));
            }
        }
        return runs.clone();
    }

    /**
     * This baseline with {@code newer}'s rounds added as one more run, keeping the newest
     * {@code maxRuns} runs. Each run is a separate JVM, so a baseline of several runs measures the
     * between-run noise (JIT decisions, heap layout, machine) that the rounds of one run cannot show.
     * Metrics and frames present on one side only are dropped or filled as the summaries allow; the
     * trace shape and environment are {@code newer}'s, but for the machine's calibration time: the
     * geometric mean over the kept runs.
     *
     * @throws IllegalArgumentException when the ids differ or {@code maxRuns < 1}
     */
    public Baseline withRun(Baseline newer, int maxRuns) {
        if (!id.equals(newer.id)) {
            throw new IllegalArgumentException("cannot add a run of " + newer.id + " to the baseline of " + id);
        }
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be at least 1, was " + maxRuns);
        }
        int keepFromRun = Math.max(0, runCount() + newer.runCount() - maxRuns);
        int firstKept = 0;
        while (firstKept < runs.length && runs[firstKept] < keepFromRun) {
            firstKept++;
        }
        int from = firstKept;
        int oldKept = runs.length - from;
        if (oldKept == 0) {
            return newer;
        }
        int n = oldKept + newer.rounds();
        long[] inv = new long[n];
        int[] newRuns = new int[n];
        for (int i = 0; i < oldKept; i++) {
            inv[i] = invocations[from + i];
            newRuns[i] = runs[from + i] - keepFromRun;
        }
        int offset = oldKept == 0 ? 0 : newRuns[oldKept - 1] + 1;
        for (int i = 0; i < newer.rounds(); i++) {
            inv[oldKept + i] = newer.invocations[i];
            newRuns[oldKept + i] = offset + newer.runs[i];
        }
        Map<Metric, double[]> merged = new LinkedHashMap<>();
        newer.metrics.forEach((metric, values) -> metric(metric.name()).ifPresent(old -> {
            double[] joined = Arrays.copyOf(Arrays.copyOfRange(old, from, old.length), n);
            System.arraycopy(values, 0, joined, oldKept, values.length);
            merged.put(metric, joined);
        }));
        Map<Event, ProfileSummary> summaries = new EnumMap<>(Event.class);
        for (Map.Entry<Event, ProfileSummary> entry : newer.profiles.entrySet()) {
            ProfileSummary old = profiles.get(entry.getKey());
            if (old == null) {
                return newer; // the earlier runs did not profile this event: start the series anew
            }
            summaries.put(entry.getKey(), old.lastRounds(oldKept).followedBy(entry.getValue()));
        }
        int oldRuns = runCount() - keepFromRun;
        Environment environment = newer.environment.withCalibrationNanos(
                pooledCalibration(environment().calibrationNanos(), oldRuns, newer.environment.calibrationNanos(), newer.runCount()));
        return new Baseline(id, newer.displayName, environment, inv, merged, summaries, newer.traceShape, newRuns);
    }

    /** This baseline with each event's profile summary replaced by {@code change} of it; all else is kept. */
    public Baseline withProfiles(UnaryOperator<ProfileSummary> change) {
        Map<Event, ProfileSummary> changed = new EnumMap<>(Event.class);
        profiles.forEach((event, summary) -> changed.put(event, Objects.requireNonNull(change.apply(summary), "summary")));
        return new Baseline(id, displayName, environment, invocations, metrics, changed, traceShape, runs);
    }

    /** The geometric mean of two runs' calibration times, weighted by their runs; either alone when the other is unknown. */
    private static double pooledCalibration(double older, int olderRuns, double newer, int newerRuns) {
        if (!(older > 0)) {
            return newer;
        }
        if (!(newer > 0)) {
            return older;
        }
        // Whole nanoseconds, as the baseline file stores them, so that a saved baseline loads equal.
        return Math.rint(Math.exp((olderRuns * Math.log(older) + newerRuns * Math.log(newer)) / (olderRuns + newerRuns)));
    }

    /** How many recorded runs (JVMs) the rounds come from. */
    public int runCount() {
        return runs.length == 0 ? 0 : runs[runs.length - 1] + 1;
    }

    /** Per round, the run (JVM) it came from, counting from 0. */
    public int[] runs() {
        return runs.clone();
    }

    /** {@code values} (one per round) split into one array per run. */
    public double[][] byRun(double[] values) {
        if (values.length != runs.length) {
            throw new IllegalArgumentException(values.length + " values for " + runs.length + " rounds");
        }
        double[][] split = new double[runCount()][];
        int start = 0;
        for (int run = 0; run < split.length; run++) {
            int end = start;
            while (end < runs.length && runs[end] == run) {
                end++;
            }
            split[run] = Arrays.copyOfRange(values, start, end);
            start = end;
        }
        return split;
    }

    /** The metric derived from the weight per invocation of {@code event}'s profile. */
    public static Metric profileMetric(Event event, String unit) {
        return new Metric(PROFILE_METRIC_PREFIX + event.id(), (unit == null ? event.defaultUnit().symbol() : unit) + "/op",
                Metric.Better.LOWER);
    }

    /** Whether {@code metric} is one derived from a profile's weight rather than measured. */
    public static boolean isProfileMetric(Metric metric) {
        return metric.name().startsWith(PROFILE_METRIC_PREFIX);
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Environment environment() {
        return environment;
    }

    /** The schema version of this baseline's on-disk form. */
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** Number of rounds. */
    public int rounds() {
        return invocations.length;
    }

    /** Invocations per round. */
    public long[] invocations() {
        return invocations.clone();
    }

    /** The metrics with their per-round values, sorted by name. Arrays are copies. */
    public Map<Metric, double[]> metrics() {
        Map<Metric, double[]> copy = new LinkedHashMap<>();
        metrics.forEach((m, v) -> copy.put(m, v.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** The per-round values of the metric named {@code name}. */
    public Optional<double[]> metric(String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .map(e -> e.getValue().clone()).findFirst();
    }

    /** The metric named {@code name}. */
    public Optional<Metric> metricNamed(String name) {
        return metrics.keySet().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The summary per profiled event. */
    public Map<Event, ProfileSummary> profiles() {
        return profiles;
    }

    /**
     * The trace shape most rounds had ({@link TraceShapes#consensus}), when spans were captured; the
     * rounds' own disagreements are reported by the comparison, not stored.
     */
    public Optional<TraceShape> traceShape() {
        return Optional.ofNullable(traceShape);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Baseline that) || !id.equals(that.id) || !displayName.equals(that.displayName)
                || !environment.equals(that.environment) || !Arrays.equals(invocations, that.invocations)
                || !profiles.equals(that.profiles) || !metrics.keySet().equals(that.metrics.keySet())
                || !Objects.equals(traceShape, that.traceShape) || !Arrays.equals(runs, that.runs)) {
            return false;
        }
        return metrics.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.metrics.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, environment, Arrays.hashCode(invocations), profiles.keySet());
    }

    @Override
    public String toString() {
        return "Baseline[" + id + ", " + rounds() + " rounds of " + runCount() + " run(s), metrics " + metrics.keySet().stream().map(Metric::name).toList()
                + ", events " + profiles.keySet() + "]";
    }
}
