package dev.flamegate.ab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The side runs of an earlier A/B run, read back from its output directory ({@code ab.json} and the records under
 * {@code pairs/}), so that they can be compared again ({@link AbRun#compareRecorded}).
 *
 * @param runs the side runs, in the order they ran
 * @param selected per pair, the tests it was asked to run (empty: all)
 * @param seed the run order's seed
 * @param took how long the pairs took
 * @param stopReason why that run ran no further pair
 */
public record AbRecords(List<SideRun> runs, Map<Integer, Set<String>> selected, long seed, Duration took,
        String stopReason) {

    public AbRecords {
        runs = List.copyOf(runs);
        selected = Map.copyOf(selected);
    }

    /**
     * Reads the A/B output directory {@code out}.
     *
     * @throws InvalidInputException naming the file when {@code ab.json} is missing or malformed
     */
    public static AbRecords read(Path out) {
        Path file = out.resolve(AbArtifacts.RUN_FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE, "no A/B run record",
                    "Pass the --out directory of an earlier flamegate ab run");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE, "not valid JSON (" + e.getMessage() + ")",
                    "Re-run flamegate ab; the file is written whole at the end of a run", e);
        }
        List<SideRun> runs = new ArrayList<>();
        Map<Integer, Set<String>> selected = new LinkedHashMap<>();
        for (JsonNode run : root.path("runs")) {
            int pair = run.path("pair").asInt(-1);
            String label = run.path("side").asText("");
            if (pair < 1 || !(label.equals("base") || label.equals("head"))) {
                throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                        "a run without a pair number or side: " + run, "Re-run flamegate ab");
            }
            Side side = Side.valueOf(label.toUpperCase(Locale.ROOT));
            Set<String> only = new LinkedHashSet<>();
            run.path("only").forEach(id -> only.add(id.asText()));
            selected.put(pair, only);
            List<String> problems = new ArrayList<>();
            Path dir = CommandSideRunner.directoryOf(out.resolve("pairs"), pair, side);
            runs.add(new SideRun(pair, side, run.path("exitCode").asInt(), CommandSideRunner.recorded(dir.resolve("baselines"), problems),
                    out.resolve(run.path("log").asText("")), Duration.ofMillis(Math.round(run.path("seconds").asDouble() * 1000)),
                    problems));
        }
        return new AbRecords(runs, selected, root.path("seed").asLong(),
                Duration.ofMillis(Math.round(root.path("seconds").asDouble() * 1000)), root.path("stopped").asText("unknown"));
    }
}
