package dev.flamegate.jmh;

import dev.flamegate.redact.Redactor;
import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH's results into flamegate {@link Measurement}s: one round per measured fork, because forks are
 * JMH's independent samples (iterations inside a fork share one JIT compilation and are correlated).
 */
public final class JmhMeasurements {

    /** The suffix of JMH's GC profiler's allocation-per-operation result. */
    static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private JmhMeasurements() {
    }

    /** The metric of a JMH primary score in {@code mode}: throughput is better higher, every time mode lower. */
    public static Metric scoreMetric(Mode mode, String unit) {
        return Metric.score(unit, mode == Mode.Throughput ? Metric.Better.HIGHER : Metric.Better.LOWER);
    }

    /**
     * Measurements of every benchmark in {@code results}, with the profiles {@link FlamegateProfiler} wrote
     * under {@code profilesDir} (none when it did not run). A benchmark run in several modes gets the mode
     * in its id ({@code …quote[size=100]:avgt}); otherwise ids carry name and parameters only.
     */
    public static List<JmhBenchmark> from(Collection<RunResult> results, Path profilesDir) {
        List<JmhBenchmark> benchmarks = new ArrayList<>();
        resultsById(results).forEach((id, result) -> benchmarks.add(toBenchmark(result, id,
                profilesDir.resolve(BaselineIds.fileName(BenchmarkKeys.forkKey(result.getParams()))))));
        return benchmarks;
    }

    /** Each result by the id {@link #from} gives its benchmark, in result order. */
    static Map<String, RunResult> resultsById(Collection<RunResult> results) {
        Map<String, Integer> modesPerId = new HashMap<>();
        for (RunResult result : results) {
            modesPerId.merge(BenchmarkKeys.id(result.getParams(), false), 1, Integer::sum);
        }
        Map<String, RunResult> byId = new LinkedHashMap<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            boolean withMode = modesPerId.get(BenchmarkKeys.id(params, false)) > 1;
            // Parameter values become ids, directory names and report text: a secret among them must not.
            byId.put(Redactor.defaults().redact(BenchmarkKeys.id(params, withMode)), result);
        }
        return byId;
    }

    /**
     * {@code first} with the forks of {@code more} (the same benchmark run again) appended as further rounds:
     * forks of separate JMH runs are independent samples alike.
     */
    static JmhBenchmark withMoreForks(JmhBenchmark first, JmhBenchmark more) {
        if (!first.id().equals(more.id())) {
            throw new IllegalArgumentException("cannot add forks of " + more.id() + " to " + first.id());
        }
        List<Round> rounds = new ArrayList<>(first.measurement().rounds());
        for (Round round : more.measurement().rounds()) {
            rounds.add(new Round(rounds.size(), round.invocations(), round.metrics(), round.profiles(), round.spans()));
        }
        List<List<Double>> iterations = new ArrayList<>(first.iterationScores());
        iterations.addAll(more.iterationScores());
        Measurement m = first.measurement();
        return new JmhBenchmark(first.id(), first.mode(), new Measurement(m.id(), m.displayName(), m.environment(), rounds),
                iterations);
    }

    private static JmhBenchmark toBenchmark(RunResult result, String id, Path benchmarkDir) {
        BenchmarkParams params = result.getParams();
        Metric score = scoreMetric(params.getMode(), result.getPrimaryResult().getScoreUnit());
        List<Round> rounds = new ArrayList<>();
        List<List<Double>> iterations = new ArrayList<>();
        String engine = "none";
        int index = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            Map<Metric, Double> metrics = new LinkedHashMap<>();
            putFinite(metrics, score, fork.getPrimaryResult().getScore());
            allocationPerOp(fork).ifPresent(bytes -> putFinite(metrics, Metric.ALLOCATED_BYTES, bytes));
            Map<Event, Profile> profiles = profilesOf(fork, index, benchmarkDir);
            for (Profile profile : profiles.values()) {
                engine = profiles.containsKey(Event.CPU) ? profiles.get(Event.CPU).metadata().engine() : profile.metadata().engine();
            }
            rounds.add(new Round(index, operations(fork), metrics, profiles, List.of()));
            iterations.add(fork.getIterationResults().stream().map(IterationResult::getPrimaryResult)
                    .map(Result::getScore).toList());
            index++;
        }
        Measurement measurement = new Measurement(id, displayName(params), Environment.current(engine), rounds);
        return new JmhBenchmark(id, params.getMode(), measurement, iterations);
    }

    private static void putFinite(Map<Metric, Double> metrics, Metric metric, double value) {
        if (Double.isFinite(value)) {
            metrics.put(metric, value);
        }
    }

    private static Optional<Double> allocationPerOp(BenchmarkResult fork) {
        return fork.getSecondaryResults().entrySet().stream()
                .filter(e -> e.getKey().endsWith(ALLOC_NORM))
                .map(e -> e.getValue().getScore())
                .findFirst();
    }

    /** The fork's profiles: the profiler told JMH its directory number; without it, forks are numbered in order. */
    private static Map<Event, Profile> profilesOf(BenchmarkResult fork, int index, Path benchmarkDir) {
        Result<?> marker = fork.getSecondaryResults().get(FlamegateProfiler.FORK_LABEL);
        int number = marker == null ? index + 1 : (int) Math.round(marker.getScore());
        Path dir = benchmarkDir.resolve("fork-" + number);
        return Files.isDirectory(dir) ? CollapsedFiles.readFork(dir) : Map.of();
    }

    private static long operations(BenchmarkResult fork) {
        long ops = fork.getMetadata() == null ? 0 : fork.getMetadata().getMeasurementOps();
        return Math.max(1, ops);
    }

    private static String displayName(BenchmarkParams params) {
        String name = params.getBenchmark();
        int classStart = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
        String shortName = name.substring(classStart + 1);
        String id = BenchmarkKeys.id(params, false);
        return Redactor.defaults().redact(shortName + id.substring(params.getBenchmark().length()) + " ("
                + params.getMode().shortLabel() + ")");
    }
}
