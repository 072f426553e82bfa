package dev.flamegate.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The detection experiment: runs the samples' profiled tests unchanged and with every injected regression,
 * {@code samples.experiment.runs} times each, interleaved (so drifting machine load hits every condition
 * alike), each run a fresh child JVM against baselines the experiment records first the way the README
 * says (five runs: {@code record}, then {@code append}). The unchanged runs run all five tests (a false alarm
 * is any of them failing); {@code cpu:5|10|20|50} run the CPU-path test, {@code slow:5|10|20} the quote export
 * (a default {@code @ProfiledTest} whose existing checksum method gets slower), {@code alloc}, {@code lock} and
 * {@code nplus1} the test of their path. Per condition it reports how often flamegate said
 * {@code REGRESSION} and, on the same runs, how often a plain wall-clock gate (fail when wall time per
 * invocation grew more than 10 % over the baseline's) would have failed. Writes
 * {@code target/detection-experiment.md}.
 *
 * <p>Run through {@code samples/detection-experiment.sh [runs]}; {@code -Dsamples.experiment.committedBaselines=true} judges
 * against the repository's committed baselines instead of recording fresh ones (as a team's CI meets them: recorded earlier).
 */
@EnabledIfSystemProperty(named = "samples.experiment.runs", matches = "\\d+")
class DetectionExperiment {

    private static final String ORDERS = "OrderServiceProfiledTest#";
    private static final String EXPORT = "QuoteExportProfiledTest#exportsQuotes";
    private static final List<String> ALL = List.of(ORDERS + "quotesOrders", ORDERS + "rendersQuoteDocuments",
            ORDERS + "repricesConcurrently", ORDERS + "placesAndLoadsOrders", EXPORT);

    /** A switch, the tests it is judged on, and the name that selects it ({@code none}, {@code cpu:10}, ...). */
    private record Condition(String regression, List<String> methods, String key) {
        Condition(String regression, List<String> methods) {
            this(regression, methods, regression.isEmpty() ? "none" : regression);
        }

        String name() {
            return key.equals("none") ? "unchanged" : key.replace(':', '-');
        }

        String tests() {
            return String.join(",", methods);
        }
    }

    private static final List<Condition> CONDITIONS = List.of(new Condition("", ALL),
            new Condition("", List.of(EXPORT), "none-export"),
            new Condition("cpu:5", List.of(ORDERS + "quotesOrders")), new Condition("cpu:10", List.of(ORDERS + "quotesOrders")),
            new Condition("cpu:20", List.of(ORDERS + "quotesOrders")), new Condition("cpu:50", List.of(ORDERS + "quotesOrders")),
            new Condition("slow:5", List.of(EXPORT)), new Condition("slow:10", List.of(EXPORT)), new Condition("slow:20", List.of(EXPORT)),
            new Condition("alloc", List.of(ORDERS + "rendersQuoteDocuments")),
            new Condition("lock", List.of(ORDERS + "repricesConcurrently")),
            new Condition("nplus1", List.of(ORDERS + "placesAndLoadsOrders")));
    /** Baseline runs, as the README recommends; {@code samples.experiment.baselineRuns} to try others. */
    private static final int BASELINE_RUNS = Integer.getInteger("samples.experiment.baselineRuns", 5);

    /** The conditions to run: all, or those named in {@code samples.experiment.conditions} (e.g. {@code none,lock}). */
    private static List<Condition> conditions() {
        String only = System.getProperty("samples.experiment.conditions", "");
        if (only.isBlank()) {
            return CONDITIONS.stream().filter(c -> !c.key().equals("none-export")).toList(); // "none" judges it too
        }
        List<String> names = List.of(only.split(","));
        return CONDITIONS.stream().filter(c -> names.contains(c.key())).toList();
    }

    /** One run's outcome over its condition's tests: flagged (or wall-gated) if any of them was. */
    private record Outcome(boolean flagged, boolean wallGate, String metrics, String flaggedTests, double cpuChange, double wallChange,
            boolean timeAlone) {
    }

    @Test
    void run() throws IOException {
        int runs = Integer.getInteger("samples.experiment.runs");
        Path work = Path.of("target", "detection-experiment");
        Map<Condition, List<Outcome>> outcomes = new LinkedHashMap<>();
        List<Condition> conditions = conditions();
        conditions.forEach(c -> outcomes.put(c, new ArrayList<>()));
        Path log = Path.of("target", "detection-experiment.log");
        Files.writeString(log, "");
        long start = System.nanoTime();
        // The baselines as the README says to record them: a fresh JVM per run, record once, then append. Or the
        // repository's committed ones, recorded hours or days earlier, as a team's CI meets them.
        boolean committed = Boolean.getBoolean("samples.experiment.committedBaselines");
        Path baselines = committed ? SampleRun.repositoryRoot().resolve("baselines") : work.toAbsolutePath().resolve("baselines");
        List<String> baselineProps = List.of("flamegate.baselines.dir=" + baselines);
        // Only the tests the chosen conditions judge, so that a partial experiment records what it needs.
        String judged = String.join(",", conditions.stream().flatMap(c -> c.methods().stream()).distinct()
                .toList());
        for (int k = 0; k < (committed ? 0 : BASELINE_RUNS); k++) {
            SampleRun run = SampleRun.run("", work.resolve("baseline-" + k), List.of("flamegate.baselines.dir=" + baselines,
                    "flamegate.mode=" + (k == 0 ? "record" : "append"), "flamegate.baselineRuns=" + BASELINE_RUNS), judged);
            Files.writeString(log, "baseline run " + k + ": exit " + run.exitCode() + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        for (int i = 0; i < runs; i++) {
            for (Condition condition : conditions) {
                SampleRun run = SampleRun.run(condition.regression(), work.resolve(condition.name() + "-" + i), baselineProps,
                        condition.tests());
                Outcome o;
                try {
                    o = outcome(run, condition.methods());
                } catch (IllegalStateException | java.io.UncheckedIOException e) {
                    // A run that produced no result (the child JVM broke) is logged and left out, not counted.
                    Files.writeString(log, condition.name() + " run " + i + ": NO RESULT (" + e.getMessage().lines().findFirst().orElse("")
                            + "), left out\n", java.nio.file.StandardOpenOption.APPEND);
                    continue;
                }
                outcomes.get(condition).add(o);
                Files.writeString(log, String.format(Locale.ROOT, "%s run %d: %s%s %s wallGate=%s metrics=%s cpu %+.1f%% wall %+.1f%% (%.0f s)%n",
                        condition.name(), i, o.flagged ? "REGRESSION" : "pass", o.timeAlone ? " (time alone: INCONCLUSIVE)" : "",
                        o.flaggedTests, o.wallGate ? "FAIL" : "pass", o.metrics,
                        100 * o.cpuChange, 100 * o.wallChange, (System.nanoTime() - start) / 1e9),
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
        String table = table(outcomes, runs, (System.nanoTime() - start) / 60e9);
        Path md = Path.of("target", "detection-experiment.md");
        dev.flamegate.io.AtomicFiles.writeString(md, table);
        System.out.println(table);
    }

    private static Outcome outcome(SampleRun run, List<String> methods) {
        boolean flagged = false;
        boolean wallGate = false;
        boolean timeAlone = false;
        Map<String, String> regressed = new TreeMap<>();
        List<String> flaggedTests = new ArrayList<>();
        double cpu = Double.NaN;
        double wall = Double.NaN;
        for (String method : methods) {
            JsonNode result = run.result(method);
            if (result.path("verdict").asText().equals("REGRESSION")) {
                flagged = true;
                flaggedTests.add(method);
                for (JsonNode m : result.path("metrics")) {
                    if (m.path("status").asText().equals("REGRESSED")) {
                        regressed.put(m.path("name").asText(), "");
                    }
                }
                if (result.path("shape").path("changed").asBoolean(false)) {
                    regressed.put("trace shape", "");
                }
            }
            // A time total that grew with nothing else to show where: INCONCLUSIVE by the time-alone rule.
            timeAlone |= result.path("verdict").asText().equals("INCONCLUSIVE")
                    && result.path("notes").toString().contains("nothing this run compares within itself");
            double w = run.metric(method, "wall.time").map(m -> m.path("relativeChange").asDouble()).orElse(Double.NaN);
            wallGate |= w > 0.10;
            if (methods.size() == 1) {
                wall = w;
                cpu = run.metric(method, "cpu.time").map(m -> m.path("relativeChange").asDouble()).orElse(Double.NaN);
            }
        }
        return new Outcome(flagged, wallGate, String.join("+", regressed.keySet()), String.join("+", flaggedTests), cpu, wall, timeAlone);
    }

    private static String table(Map<Condition, List<Outcome>> outcomes, int runs, double minutes) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d runs per condition, interleaved, %.0f minutes in all.%n%n", runs, minutes));
        sb.append("| injected | tests judged | flamegate REGRESSION | wall-clock gate (> +10 %) | time alone (INCONCLUSIVE) | median cpu.time change | median wall.time change | what flagged |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        outcomes.forEach((condition, list) -> {
            if (list.isEmpty()) {
                return;
            }
            long flagged = list.stream().filter(Outcome::flagged).count();
            long wall = list.stream().filter(Outcome::wallGate).count();
            Map<String, Integer> byMetrics = new TreeMap<>();
            list.stream().filter(Outcome::flagged).forEach(o -> byMetrics.merge(
                    (o.metrics.isEmpty() ? "(profile)" : o.metrics) + (condition.methods().size() > 1 ? " in " + o.flaggedTests : ""),
                    1, Integer::sum));
            String label = condition.regression().isEmpty() ? "none (false alarms)" : condition.key();
            long alone = list.stream().filter(Outcome::timeAlone).count();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d/%d (%.0f %%) | %d/%d (%.0f %%) | %d | %s | %s | %s |%n",
                    label, condition.methods().size() > 1 ? "all " + condition.methods().size() : condition.methods().get(0),
                    flagged, list.size(), 100.0 * flagged / list.size(), wall, list.size(), 100.0 * wall / list.size(), alone,
                    percent(median(list.stream().mapToDouble(Outcome::cpuChange).toArray())),
                    percent(median(list.stream().mapToDouble(Outcome::wallChange).toArray())),
                    byMetrics.isEmpty() ? "–" : byMetrics.toString()));
        });
        return sb.toString();
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%+.1f %%", 100 * fraction);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
