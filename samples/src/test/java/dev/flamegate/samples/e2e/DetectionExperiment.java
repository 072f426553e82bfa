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
 * The detection experiment: runs the CPU-path profiled test ({@code OrderServiceProfiledTest#quotesOrders})
 * unchanged and with {@code cpu:5|10|20|50}, {@code samples.experiment.runs} times each, interleaved (so
 * drifting machine load hits every condition alike), each run a fresh child JVM against a baseline the
 * experiment records first the way the README says (five runs: {@code record}, then {@code append}). Per condition it reports how often flamegate said {@code REGRESSION} and, on the
 * same runs, how often a plain wall-clock gate (fail when wall time per invocation grew more than 10 %
 * over the baseline's) would have failed. Writes {@code target/detection-experiment.md}.
 *
 * <p>Run through {@code samples/detection-experiment.sh [runs]}.
 */
@EnabledIfSystemProperty(named = "samples.experiment.runs", matches = "\\d+")
class DetectionExperiment {

    private static final String TEST = "OrderServiceProfiledTest#quotesOrders";
    private static final String METHOD = "quotesOrders";
    private static final List<String> CONDITIONS = List.of("", "cpu:5", "cpu:10", "cpu:20", "cpu:50");
    private static final int BASELINE_RUNS = 5;

    private record Outcome(boolean flagged, boolean wallGate, String metrics, double cpuChange, double wallChange) {
    }

    @Test
    void run() throws IOException {
        int runs = Integer.getInteger("samples.experiment.runs");
        Path work = Path.of("target", "detection-experiment");
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        CONDITIONS.forEach(c -> outcomes.put(c, new ArrayList<>()));
        Path log = Path.of("target", "detection-experiment.log");
        Files.writeString(log, "");
        long start = System.nanoTime();
        // The baseline as the README says to record one: a fresh JVM per run, record once, then append.
        Path baselines = work.toAbsolutePath().resolve("baselines");
        List<String> baselineProps = List.of("flamegate.baselines.dir=" + baselines);
        for (int k = 0; k < BASELINE_RUNS; k++) {
            SampleRun run = SampleRun.run("", work.resolve("baseline-" + k), List.of("flamegate.baselines.dir=" + baselines,
                    "flamegate.mode=" + (k == 0 ? "record" : "append")), TEST);
            Files.writeString(log, "baseline run " + k + ": exit " + run.exitCode() + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        for (int i = 0; i < runs; i++) {
            for (String condition : CONDITIONS) {
                String name = condition.isEmpty() ? "unchanged" : condition.replace(':', '-');
                SampleRun run = SampleRun.run(condition, work.resolve(name + "-" + i), baselineProps, TEST);
                if (!Files.exists(run.outputDir().resolve("index.html")) || !run.output().contains("quotesOrders")) {
                    // A run that produced no result (the child build broke) is logged and left out, not counted.
                    Files.writeString(log, name + " run " + i + ": NO RESULT, left out\n", java.nio.file.StandardOpenOption.APPEND);
                    continue;
                }
                Outcome o;
                try {
                    o = outcome(run);
                } catch (IllegalStateException | java.io.UncheckedIOException e) {
                    Files.writeString(log, name + " run " + i + ": NO RESULT (" + e.getMessage().lines().findFirst().orElse("") + "), left out\n",
                            java.nio.file.StandardOpenOption.APPEND);
                    continue;
                }
                outcomes.get(condition).add(o);
                Files.writeString(log, String.format(Locale.ROOT, "%s run %d: %s wallGate=%s metrics=%s cpu %+.1f%% wall %+.1f%% (%.0f s)%n",
                        name, i, o.flagged ? "REGRESSION" : "pass", o.wallGate ? "FAIL" : "pass", o.metrics,
                        100 * o.cpuChange, 100 * o.wallChange, (System.nanoTime() - start) / 1e9),
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
        String table = table(outcomes, runs, (System.nanoTime() - start) / 60e9);
        Path md = Path.of("target", "detection-experiment.md");
        dev.flamegate.io.AtomicFiles.writeString(md, table);
        System.out.println(table);
    }

    private static Outcome outcome(SampleRun run) {
        JsonNode result = run.result(METHOD);
        boolean flagged = result.path("verdict").asText().equals("REGRESSION");
        Map<String, String> regressed = new TreeMap<>();
        for (JsonNode m : result.path("metrics")) {
            if (m.path("status").asText().equals("REGRESSED")) {
                regressed.put(m.path("name").asText(), "");
            }
        }
        double wall = run.metric(METHOD, "wall.time").map(m -> m.path("relativeChange").asDouble()).orElse(Double.NaN);
        double cpu = run.metric(METHOD, "cpu.time").map(m -> m.path("relativeChange").asDouble()).orElse(Double.NaN);
        return new Outcome(flagged, wall > 0.10, String.join("+", regressed.keySet()), cpu, wall);
    }

    private static String table(Map<String, List<Outcome>> outcomes, int runs, double minutes) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d runs per condition, interleaved, %.0f minutes in all.%n%n", runs, minutes));
        sb.append("| injected | flamegate REGRESSION | wall-clock gate (> +10 %) | median cpu.time change | median wall.time change | metrics that flagged |\n");
        sb.append("|---|---|---|---|---|---|\n");
        outcomes.forEach((condition, list) -> {
            if (list.isEmpty()) {
                return;
            }
            long flagged = list.stream().filter(Outcome::flagged).count();
            long wall = list.stream().filter(Outcome::wallGate).count();
            Map<String, Integer> byMetrics = new TreeMap<>();
            list.stream().filter(Outcome::flagged).forEach(o -> byMetrics.merge(o.metrics.isEmpty() ? "(profile)" : o.metrics, 1, Integer::sum));
            String label = condition.isEmpty() ? "none (false alarms)" : condition;
            sb.append(String.format(Locale.ROOT, "| %s | %d/%d (%.0f %%) | %d/%d (%.0f %%) | %+.1f %% | %+.1f %% | %s |%n",
                    label, flagged, list.size(), 100.0 * flagged / list.size(), wall, list.size(), 100.0 * wall / list.size(),
                    100 * median(list.stream().mapToDouble(Outcome::cpuChange).toArray()),
                    100 * median(list.stream().mapToDouble(Outcome::wallChange).toArray()),
                    byMetrics.isEmpty() ? "–" : byMetrics.toString()));
        });
        return sb.toString();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
