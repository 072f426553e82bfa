package dev.flamegate.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flamegate.InvalidInputException;
import dev.flamegate.baseline.BaselineJson;
import dev.flamegate.io.AtomicFiles;
import dev.flamegate.io.SafeText;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import dev.flamegate.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code result.json}, the machine-readable form of a {@link Comparison} that the run
 * index, the PR comment and other tools consume. Output is pretty-printed with a fixed field order, so
 * the same comparison always gives the same bytes. Writing is atomic (temporary file + rename).
 *
 * <h2>Schema, version 1</h2>
 * <pre>{@code
 * {
 *   "schemaVersion": 1,
 *   "id": "com.acme.PricingTest#quotes",          // stable test or benchmark id
 *   "displayName": "PricingTest.quotes",
 *   "verdict": "REGRESSION",                       // PASS | REGRESSION | IMPROVEMENT | INCONCLUSIVE | NO_BASELINE | ENVIRONMENT_MISMATCH
 *                                                  // | ERROR (the test threw; the note says what)
 *   "headline": "REGRESSION PricingTest.quotes: cpu.time +23.4% [...]",
 *   "metrics": [ {
 *     "name": "cpu.time", "unit": "ns/op", "better": "LOWER",
 *     "status": "REGRESSED",                       // REGRESSED | IMPROVED | UNCHANGED | UNCERTAIN | NOT_COMPARED
 *     "gated": true,                               // decides the verdict
 *     "roundsBefore": 5, "roundsAfter": 5,
 *     "before": 1200.0, "after": 1480.8,           // trimmed geometric means, metric unit
 *     "relativeChange": 0.234,                     // fractions: 0.234 = +23.4 %
 *     "ciLower": 0.151, "ciUpper": 0.322, "confidence": 0.9975,
 *     "pValue": 0.0004, "rankPValue": 0.0079,
 *     "smallestDetectable": 0.08, "minEffect": 0.05
 *   } ],                                           // numbers that are not defined are null
 *   "frames": [ {                                  // attributed frames, the application's first (FrameOrigin)
 *     "event": "cpu", "frame": "main;Pricing.quote;Pricing.parse", "leaf": "Pricing.parse",
 *     "basis": "SELF",                             // SELF | TOTAL
 *     "totalBefore": 0.12, "totalAfter": 0.31, "selfBefore": 0.12, "selfAfter": 0.31,
 *     "pValue": 0.0001, "qValue": 0.0009
 *   } ],
 *   "findings": [ { "kind": "GC_PRESSURE", "event": "cpu", "subject": "GC/VM threads",   // also DEEPER_RECURSION,
 *                                                  // NEW_HOT_FRAME, NONDETERMINISM, REPEATED_CALL (subject: the query)
 *                   "before": 0.03, "after": 0.1, "summary": "..." } ],
 *   "shape": { "changed": false, "diff": "" },     // readable indented diff text
 *   "environment": { "jdkVendor": ..., "jdkVersion": ..., "os": ..., "arch": ..., "cores": 2,
 *                    "profilerEngine": ..., "flamegateVersion": ... },
 *   "baselineEnvironment": { ... } | null,
 *   "environmentMismatches": [ "JDK 21.0.1 vs 17.0.9" ],
 *   "notes": [ "..." ],
 *   "artifacts": { "cpu.diff": "cpu.diff.html", ... }  // relative to the directory of result.json
 * }
 * }</pre>
 */
public final class ComparisonJson {

    /** Version of the schema above. */
    public static final int SCHEMA_VERSION = 1;
    /** The conventional file name. */
    public static final String FILE_NAME = "result.json";
    /** Largest result file read: 16 MiB. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // two documents in one file are corrupt, not half-read

    private ComparisonJson() {
    }

    /** The comparison as pretty JSON text. */
    public static String toJson(Comparison c) {
        return toJson(c, Redactor.none());
    }

    /** The comparison as pretty JSON text, every string (names, messages, frames) passed through {@code redactor}. */
    public static String toJson(Comparison c, Redactor redactor) {
        try {
            return JSON.writeValueAsString(visibleBidi(redactor.redact(tree(c)))) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise comparison " + c.id(), e);
        }
    }

    /** Writes the comparison to {@code file} atomically, creating parent directories. */
    public static void write(Comparison c, Path file) {
        write(c, file, Redactor.none());
    }

    /** Writes the comparison, redacted by {@code redactor}, to {@code file} atomically, creating parent directories. */
    public static void write(Comparison c, Path file, Redactor redactor) {
        try {
            AtomicFiles.writeString(file, toJson(c, redactor));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a result file.
     *
     * @throws InvalidInputException naming the file when it is missing, too large, corrupt or of a newer schema
     */
    public static Comparison read(Path file) {
        String source = file.toString();
        String remedy = "Re-run the tests that write it (mvn verify)";
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(source, InvalidInputException.NO_LINE, "the file has more than " + MAX_BYTES
                        + " bytes", remedy);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                throw new InvalidInputException(source, InvalidInputException.NO_LINE, "the file is empty", remedy);
            }
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? InvalidInputException.NO_LINE : Math.max(0, e.getLocation().getLineNr());
            throw new InvalidInputException(source, line, "not valid JSON (" + e.getOriginalMessage() + ")", remedy, e);
        } catch (IOException e) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")",
                    remedy, e);
        }
        try {
            return fromTree(root, source, remedy);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "not a flamegate result (" + e.getMessage() + ")",
                    remedy, e);
        }
    }

    private static ObjectNode tree(Comparison c) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("id", c.id());
        root.put("displayName", c.displayName());
        root.put("verdict", c.verdict().name());
        root.put("headline", c.headline());
        ArrayNode metrics = root.putArray("metrics");
        for (MetricChange m : c.metrics()) {
            ObjectNode node = metrics.addObject();
            node.put("name", m.metric().name());
            node.put("unit", m.metric().unit());
            node.put("better", m.metric().better().name());
            node.put("status", m.status().name());
            node.put("gated", m.gated());
            node.put("roundsBefore", m.roundsBefore());
            node.put("roundsAfter", m.roundsAfter());
            number(node, "before", m.before());
            number(node, "after", m.after());
            number(node, "relativeChange", m.relativeChange());
            number(node, "ciLower", m.ciLower());
            number(node, "ciUpper", m.ciUpper());
            number(node, "confidence", m.confidence());
            number(node, "pValue", m.pValue());
            number(node, "rankPValue", m.rankPValue());
            number(node, "smallestDetectable", m.smallestDetectable());
            number(node, "minEffect", m.minEffect());
        }
        ArrayNode frames = root.putArray("frames");
        for (FrameChange f : c.frames()) {
            ObjectNode node = frames.addObject();
            node.put("event", f.event().id());
            node.put("frame", f.frame());
            node.put("leaf", f.leaf());
            node.put("basis", f.basis().name());
            number(node, "totalBefore", f.totalBefore());
            number(node, "totalAfter", f.totalAfter());
            number(node, "selfBefore", f.selfBefore());
            number(node, "selfAfter", f.selfAfter());
            number(node, "pValue", f.pValue());
            number(node, "qValue", f.qValue());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : c.findings()) {
            ObjectNode node = findings.addObject();
            node.put("kind", f.kind().name());
            node.put("event", f.event());
            node.put("subject", f.subject());
            number(node, "before", f.before());
            number(node, "after", f.after());
            node.put("summary", f.summary());
        }
        ObjectNode shape = root.putObject("shape");
        shape.put("changed", c.shapeChanged());
        shape.put("diff", c.shapeDiff());
        root.set("environment", BaselineJson.environmentJson(c.environment()));
        if (c.baselineEnvironment().isPresent()) {
            root.set("baselineEnvironment", BaselineJson.environmentJson(c.baselineEnvironment().get()));
        } else {
            root.putNull("baselineEnvironment");
        }
        ArrayNode mismatches = root.putArray("environmentMismatches");
        c.environmentMismatches().forEach(mismatches::add);
        ArrayNode notes = root.putArray("notes");
        c.notes().forEach(notes::add);
        ObjectNode artifacts = root.putObject("artifacts");
        c.artifacts().forEach(artifacts::put);
        return root;
    }

    /**
     * {@code node} with bidirectional controls in every string value shown as escapes: a test name with U+202E
     * would otherwise display reordered wherever the file is shown.
     */
    private static JsonNode visibleBidi(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(visibleBidi(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, visibleBidi(array.get(i)));
            }
        } else if (node != null && node.isTextual()) {
            String visible = SafeText.visibleBidi(node.asText());
            return visible.equals(node.asText()) ? node : JSON.getNodeFactory().textNode(visible);
        }
        return node;
    }

    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    private static Comparison fromTree(JsonNode root, String source, String remedy) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "not a JSON object", remedy);
        }
        int version = required(root, "schemaVersion", source, remedy).asInt(-1);
        if (version > SCHEMA_VERSION || version < 1) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "schema version " + version
                    + " is not supported (this build reads version " + SCHEMA_VERSION + ")",
                    "Use the flamegate version that wrote it, or re-run the tests");
        }
        Comparison.Builder b = Comparison.builder(text(root, "id", source, remedy), text(root, "displayName", source, remedy),
                environment(required(root, "environment", source, remedy)));
        b.verdict(Verdict.valueOf(text(root, "verdict", source, remedy)));
        for (JsonNode m : root.path("metrics")) {
            b.metric(new MetricChange(new Metric(m.get("name").asText(), m.get("unit").asText(),
                    Metric.Better.valueOf(m.get("better").asText())), MetricChange.Status.valueOf(m.get("status").asText()),
                    m.path("gated").asBoolean(), m.path("roundsBefore").asInt(), m.path("roundsAfter").asInt(),
                    num(m, "before"), num(m, "after"), num(m, "relativeChange"), num(m, "ciLower"), num(m, "ciUpper"),
                    num(m, "confidence"), num(m, "pValue"), num(m, "rankPValue"), num(m, "smallestDetectable"),
                    num(m, "minEffect")));
        }
        for (JsonNode f : root.path("frames")) {
            b.frame(new FrameChange(Event.parse(f.get("event").asText()), f.get("frame").asText(),
                    FrameChange.Basis.valueOf(f.get("basis").asText()), num(f, "totalBefore"), num(f, "totalAfter"),
                    num(f, "selfBefore"), num(f, "selfAfter"), num(f, "pValue"), num(f, "qValue")));
        }
        for (JsonNode f : root.path("findings")) {
            b.finding(new Finding(Finding.Kind.valueOf(f.get("kind").asText()), f.get("event").asText(),
                    f.get("subject").asText(), num(f, "before"), num(f, "after"), f.get("summary").asText()));
        }
        JsonNode shape = root.path("shape");
        b.shapeDiff(shape.path("diff").asText(""), shape.path("changed").asBoolean(false));
        JsonNode baselineEnv = root.path("baselineEnvironment");
        if (baselineEnv.isObject()) {
            b.baselineEnvironment(environment(baselineEnv));
        }
        root.path("environmentMismatches").forEach(n -> b.environmentMismatch(n.asText()));
        root.path("notes").forEach(n -> b.note(n.asText()));
        Map<String, String> artifacts = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.path("artifacts").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            artifacts.put(e.getKey(), e.getValue().asText());
        }
        return b.artifacts(artifacts).build();
    }

    private static Environment environment(JsonNode e) {
        return new Environment(e.get("jdkVendor").asText(), e.get("jdkVersion").asText(), e.get("os").asText(),
                e.get("arch").asText(), e.get("cores").asInt(), e.get("profilerEngine").asText(),
                e.get("flamegateVersion").asText(),
                e.path("calibrationNanos").isNumber() ? e.path("calibrationNanos").asDouble() : Double.NaN);
    }

    private static JsonNode required(JsonNode node, String name, String source, String remedy) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "missing field '" + name + "'", remedy);
        }
        return value;
    }

    private static String text(JsonNode node, String name, String source, String remedy) {
        return required(node, name, source, remedy).asText();
    }

    private static double num(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }
}
