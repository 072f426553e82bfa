package dev.flamegate.jmh;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flamegate.gate.GateMode;
import dev.flamegate.io.AtomicFiles;
import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.profile.Event;
import dev.flamegate.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a JMH suite as a regression gate, e.g. from a JUnit test in {@code mvn verify}:
 * <pre>{@code
 * @Test
 * void benchmarksDoNotRegress() {
 *     FlamegateJmh.run(JmhSettings.fromSystemProperties().include(PricingBench.class).build())
 *             .assertNoRegression();
 * }
 * }</pre>
 * Each benchmark ({@code @Param} combination) is run in forks with {@link FlamegateProfiler} inside, measured
 * ({@link JmhMeasurements}: one round per fork), compared with its baseline and recorded as
 * {@link GateConfig} says, with artifacts under {@code target/flamegate/jmh/<benchmark>[params]/} and JMH's
 * own JSON result at {@code target/flamegate/jmh/jmh-result.json} (input for {@code flamegate jmh-compare}).
 *
 * <p>JMH forks start with the parent's {@code java.class.path}. Under Maven Surefire this works with its
 * default manifest-only jar, since the forked JVM reads the same jar's {@code Class-Path}; the benchmarks need
 * JMH's annotation processor on the test compile ({@code annotationProcessorPaths} with
 * {@code jmh-generator-annprocess}) so that {@code META-INF/BenchmarkList} exists.
 */
public final class FlamegateJmh {

    // JMH writes secondary metric names as they are, line breaks included: read them, write them escaped.
    private static final ObjectMapper SCRUB_JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();
    private static final Pattern SYSTEM_PROPERTY_VALUE = Pattern.compile("^(-D[^=]+=).+$", Pattern.DOTALL);

    private FlamegateJmh() {
    }

    /**
     * A Maven-friendly entry point, e.g. with exec-maven-plugin or {@code java -cp ... dev.flamegate.jmh.FlamegateJmh
     * 'com\\.acme\\..*Bench'}: runs the benchmarks matching the arguments (all when none) with the preset of
     * {@value JmhSettings#PROFILE_KEY} and the gate configuration of the system properties. Exit code 0: no
     * regression, 1: a benchmark failed the gate, 2: a configuration error or JMH failure.
     */
    public static void main(String[] args) {
        System.exit(runMain(args));
    }

    static int runMain(String[] args) {
        try {
            JmhSettings.Builder settings = JmhSettings.fromSystemProperties();
            if (args.length == 0) {
                settings.include(".*");
            }
            for (String include : args) {
                settings.include(include);
            }
            JmhGateReport report = run(settings.build());
            report.failures().forEach(o -> System.err.println(o.failure().orElseThrow()));
            return report.failures().isEmpty() ? 0 : 1;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println(ConsolePrefix.PREFIX + e.getMessage());
            return 2;
        }
    }

    /** Runs and gates with configuration from system properties ({@link GateConfig#fromSystemProperties()}). */
    public static JmhGateReport run(JmhSettings settings) {
        return run(settings, GateConfig.fromSystemProperties());
    }

    /**
     * Runs the benchmarks of {@code settings} and gates them with {@code config}.
     *
     * @throws IllegalStateException when JMH fails (a benchmark threw, no benchmark matched)
     */
    public static JmhGateReport run(JmhSettings settings, GateConfig config) {
        if (!config.only().isEmpty()) {
            Set<String> names = namesToRun(matching(settings), config.only());
            if (names.isEmpty()) {
                System.out.println(ConsolePrefix.line(GateConfig.ONLY_KEY + " lists none of the benchmarks matching "
                        + settings.includes() + "; none ran"));
                return new JmhGateReport(List.of());
            }
            settings = settings.withBenchmarks(names);
        }
        Path jmhDir = config.jmhOutputDir();
        Path profiles = jmhDir.resolve("profiles");
        deleteTree(profiles); // fork directories are numbered per run
        deleteMoreForks(jmhDir);
        boolean profiled = config.mode() != GateMode.OFF && !settings.events().isEmpty();
        Collection<RunResult> results;
        try {
            Files.createDirectories(jmhDir);
            results = new Runner(options(settings, profiled, profiles, jmhDir.resolve("jmh-result.json"))).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + jmhDir, e);
        }
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH ran no benchmark matching " + settings.includes()
                    + "; check the patterns and that META-INF/BenchmarkList was generated (jmh-generator-annprocess)");
        }
        scrub(jmhDir.resolve("jmh-result.json"));
        List<JmhBenchmark> benchmarks = JmhMeasurements.from(results, profiles);
        if (settings.maxForks() > settings.forks() && config.mode() == GateMode.VERIFY) {
            benchmarks = withForksUntilKnown(benchmarks, JmhMeasurements.resultsById(results), settings, config, profiled);
        }
        if (config.mode() == GateMode.OFF) {
            return JmhGate.off(benchmarks, config);
        }
        JmhGateReport report = JmhGate.check(benchmarks, config);
        System.out.println(ConsolePrefix.PREFIX + report.summary().replace(System.lineSeparator(), System.lineSeparator() + ConsolePrefix.PREFIX));
        return report;
    }

    /**
     * The names of the benchmarks among {@code matching} that {@code only} lists by id (an id is the benchmark's name,
     * then its parameters in brackets, then its mode after a colon; a listed id runs all its benchmark's parameters).
     */
    static Set<String> namesToRun(Collection<String> matching, Set<String> only) {
        Set<String> listed = only.stream().map(id -> id.replaceFirst("[\\[:].*$", "")).collect(Collectors.toSet());
        return matching.stream().filter(listed::contains).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The names of the compiled benchmarks that {@code settings} selects, from JMH's benchmark list. */
    private static Set<String> matching(JmhSettings settings) {
        return BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), settings.includes(), List.of())
                .stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The sequential part of the gate: while a benchmark's comparison is not yet known (INCONCLUSIVE) and its forks
     * are below {@link JmhSettings#maxForks()}, runs it again with another batch of {@link JmhSettings#forks()}
     * forks and adds them as rounds. Each batch's JMH output goes to {@code more-<n>/} beside the first run's.
     */
    static List<JmhBenchmark> withForksUntilKnown(List<JmhBenchmark> benchmarks, Map<String, RunResult> results,
            JmhSettings settings, GateConfig config, boolean profiled) {
        List<JmhBenchmark> current = new ArrayList<>(benchmarks);
        int batch = 0;
        for (int i = 0; i < current.size(); i++) {
            JmhBenchmark benchmark = current.get(i);
            RunResult first = results.get(benchmark.id());
            while (first != null && benchmark.measurement().rounds().size() < settings.maxForks()
                    && JmhGate.notYetKnown(benchmark, config)) {
                int extra = Math.min(settings.forks(), settings.maxForks() - benchmark.measurement().rounds().size());
                batch++;
                Path dir = config.jmhOutputDir().resolve("more-" + batch);
                deleteTree(dir);
                Path profiles = dir.resolve("profiles");
                System.out.println(ConsolePrefix.line(benchmark.id() + ": not yet known after "
                        + benchmark.measurement().rounds().size() + " forks; running " + extra + " more"));
                JmhSettings one = settings.forOne(first.getParams().getBenchmark(), paramValues(first), extra);
                Collection<RunResult> more;
                try {
                    Files.createDirectories(dir);
                    more = new Runner(options(one, profiled, profiles, dir.resolve("jmh-result.json"))).run();
                } catch (RunnerException e) {
                    throw new IllegalStateException("JMH failed adding forks to " + benchmark.id() + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create " + dir, e);
                }
                scrub(dir.resolve("jmh-result.json"));
                String id = benchmark.id();
                Optional<JmhBenchmark> again = JmhMeasurements.from(more, profiles).stream()
                        .filter(b -> b.id().equals(id)).findFirst();
                if (again.isEmpty()) {
                    break;
                }
                benchmark = JmhMeasurements.withMoreForks(benchmark, again.get());
            }
            current.set(i, benchmark);
        }
        return current;
    }

    /** Removes the extra-fork batches of an earlier run. */
    private static void deleteMoreForks(Path jmhDir) {
        if (!Files.isDirectory(jmhDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(jmhDir)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().matches("more-\\d+")).toList()) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + jmhDir, e);
        }
    }

    private static Map<String, String> paramValues(RunResult result) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : result.getParams().getParamsKeys()) {
            values.put(key, result.getParams().getParam(key));
        }
        return values;
    }

    /**
     * JMH's result file lists each fork's JVM arguments, which may carry {@code -Dpassword=…} style values given
     * to the build; it is uploaded with {@code target/flamegate}. Every {@code -D} value becomes
     * {@code [REDACTED]} and every other string passes {@link Redactor}. What {@code jmh-compare} reads
     * (benchmark, mode, params, scores) is unchanged. A file that cannot be read is removed, with a warning.
     */
    static void scrub(Path resultFile) {
        if (!Files.isRegularFile(resultFile)) {
            return;
        }
        try {
            JsonNode tree = SCRUB_JSON.readTree(resultFile.toFile());
            for (JsonNode result : tree) {
                JsonNode original = result.path("jvmArgs");
                if (original.isArray() && result instanceof ObjectNode object) {
                    ArrayNode args = object.putArray("jvmArgs");
                    original.forEach(arg -> args.add(SYSTEM_PROPERTY_VALUE.matcher(arg.asText())
                            .replaceFirst("$1" + Redactor.REDACTED)));
                }
            }
            AtomicFiles.writeString(resultFile, SCRUB_JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Redactor.defaults().redact(tree)) + "\n");
        } catch (IOException e) {
            // Unscrubbed, it might publish a secret: better no file than that.
            try {
                Files.deleteIfExists(resultFile);
            } catch (IOException ignored) {
                // reported below either way
            }
            System.out.println(ConsolePrefix.PREFIX + "warning: removed " + resultFile + ", which could not be checked for secrets ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** The heap every fork gets unless the benchmark's JVM arguments or the launching JVM's choose one. */
    static final List<String> FIXED_HEAP = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

    /**
     * {@link #FIXED_HEAP} when neither the launching JVM's arguments (which forks inherit) nor {@code jvmArgs} set the
     * heap's size or pre-touching; nothing otherwise. A fork lives a few seconds, and on the JVM's default heap G1
     * grows the heap through all of them: every allocation lands on a page the kernel must first zero and map.
     * The samples' allocation-heavy benchmarks measured 3.2–14.6 ms an operation that way, 0.24–0.66 ms on a fixed,
     * pre-touched heap (docs/steady-state.md).
     */
    static List<String> fixedHeap(List<String> inherited, List<String> jvmArgs) {
        boolean chosen = Stream.concat(inherited.stream(), jvmArgs.stream())
                .anyMatch(arg -> arg.startsWith("-Xms") || arg.startsWith("-Xmx") || arg.startsWith("-XX:InitialHeapSize")
                        || arg.startsWith("-XX:MaxHeapSize") || arg.contains("AlwaysPreTouch"));
        return chosen ? List.of() : FIXED_HEAP;
    }

    static Options options(JmhSettings settings, boolean profiled, Path profiles, Path resultFile) {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .forks(settings.forks())
                .warmupForks(0)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmupTime().toMillis()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(settings.measurementTime().toMillis()))
                .shouldFailOnError(true)
                .result(resultFile.toString())
                .resultFormat(ResultFormatType.JSON)
                .verbosity(settings.quiet() ? VerboseMode.SILENT : VerboseMode.NORMAL);
        settings.includes().forEach(builder::include);
        settings.params().forEach((name, values) -> builder.param(name, values.toArray(String[]::new)));
        List<String> jvmArgs = new ArrayList<>(settings.jvmArgs());
        jvmArgs.addAll(fixedHeap(ManagementFactory.getRuntimeMXBean().getInputArguments(), settings.jvmArgs()));
        // Exact attribution of inlined frames; async-profiler needs the JVM to keep debug info at non-safepoints.
        jvmArgs.add("-XX:+UnlockDiagnosticVMOptions");
        jvmArgs.add("-XX:+DebugNonSafepoints");
        builder.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        if (profiled) {
            String events = settings.events().stream().sorted().map(Event::id).collect(Collectors.joining(","));
            builder.addProfiler(FlamegateProfiler.class, "event=" + events + ";dir=" + profiles.toAbsolutePath());
        }
        if (settings.gcProfiler()) {
            builder.addProfiler(GCProfiler.class);
        }
        return builder.build();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
