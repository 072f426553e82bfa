package dev.flamegate.ab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flamegate.artifacts.ArtifactWriter;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.compare.Comparison;
import dev.flamegate.io.AtomicFiles;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes an A/B run's artifacts: per test, {@code results/<id>/result.json} with head's merged profiles, their flame
 * graphs and the flame diffs of base's merged runs to head's, in the layout the run report reads; and {@code ab.json}, which pairs ran in which order, how each
 * side ended and what it recorded.
 */
public final class AbArtifacts {

    /** The directory under the A/B output that holds one directory of results per test. */
    public static final String RESULTS = "results";
    /** The run's own record. */
    public static final String RUN_FILE = "ab.json";

    private AbArtifacts() {
    }

    /**
     * Writes {@code result} under {@code out}.
     *
     * @return warnings about artifacts that could not be written (the results are still usable)
     */
    public static List<String> write(AbResult result, Path out, Redactor redactor) {
        List<String> warnings = new ArrayList<>();
        for (AbComparator.Look test : result.tests()) {
            Comparison comparison = test.comparison();
            ArtifactWriter writer = ArtifactWriter.forId(out.resolve(RESULTS), comparison.id()).redacting(redactor);
            if (test.base().isPresent() && test.head().isPresent()) {
                profiles(writer, test.base().get(), test.head().get(), comparison.displayName());
            }
            writer.result(comparison);
            warnings.addAll(writer.warnings());
        }
        try {
            AtomicFiles.writeString(out.resolve(RUN_FILE), runJson(result, out, redactor));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(RUN_FILE), e);
        }
        return warnings;
    }

    /** Head's merged profiles with their flame graphs, and the flame diffs base → head. */
    private static void profiles(ArtifactWriter writer, Baseline base, Baseline head, String name) {
        Map<Event, Profile> merged = new EnumMap<>(Event.class);
        head.profiles().forEach((event, summary) -> merged.put(event, summary.merged()));
        writer.profiles(name, merged, Optional.of(base), "base → head");
    }

    static String runJson(AbResult result, Path out, Redactor redactor) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("seed", result.seed());
        root.put("pairs", result.pairs());
        root.put("stopped", result.stopReason());
        root.put("seconds", result.took().toMillis() / 1000.0);
        ArrayNode runs = root.putArray("runs");
        for (SideRun run : result.runs()) {
            ObjectNode node = runs.addObject();
            node.put("pair", run.pair());
            node.put("side", run.side().label());
            node.put("exitCode", run.exitCode());
            node.put("seconds", run.took().toMillis() / 1000.0);
            node.put("log", relative(out, run.log()));
            ArrayNode only = node.putArray("only");
            new TreeSet<>(result.selected().getOrDefault(run.pair(), Set.of())).forEach(id -> only.add(redactor.redact(id)));
            ArrayNode recorded = node.putArray("recorded");
            new TreeSet<>(run.recorded().keySet()).forEach(id -> recorded.add(redactor.redact(id)));
            ArrayNode problems = node.putArray("problems");
            run.problems().forEach(p -> problems.add(redactor.redact(p)));
        }
        ArrayNode verdicts = root.putArray("verdicts");
        for (Comparison comparison : result.comparisons()) {
            verdicts.addObject().put("id", redactor.redact(comparison.id())).put("verdict", comparison.verdict().name());
        }
        try {
            return json.writeValueAsString(root) + System.lineSeparator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path out, Path file) {
        Path base = out.toAbsolutePath().normalize();
        Path target = file.toAbsolutePath().normalize();
        return target.startsWith(base) ? base.relativize(target).toString().replace('\\', '/') : target.toString();
    }
}
