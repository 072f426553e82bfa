package dev.flamegate.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flamegate.InvalidInputException;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.CollapsedFormat;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.trace.TraceShape;
import dev.flamegate.trace.TraceShapeJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code baseline.json} schema ({@link BaselineStore} describes the directory): writes a {@link Baseline} as a
 * JSON tree with a stable field order, and reads a baseline directory back, refusing files over its size limit and
 * turning every missing, mistyped or inconsistent field into an {@link InvalidInputException} that names the file
 * and how to re-record the baseline.
 */
public final class BaselineJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // two documents in one file are corrupt, not half-read

    private final long maxFileBytes;
    private final RecordInstructions instructions;

    BaselineJson(long maxFileBytes, RecordInstructions instructions) {
        this.maxFileBytes = maxFileBytes;
        this.instructions = instructions;
    }

    static ObjectNode toJson(Baseline baseline) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", Baseline.SCHEMA_VERSION);
        root.put("id", baseline.id());
        root.put("displayName", baseline.displayName());
        root.set("environment", environmentJson(baseline.environment()));
        root.put("rounds", baseline.rounds());
        ArrayNode invocations = root.putArray("invocations");
        for (long count : baseline.invocations()) {
            invocations.add(count);
        }
        if (baseline.runCount() > 1) {
            ArrayNode runs = root.putArray("runs");
            for (int run : baseline.runs()) {
                runs.add(run);
            }
        }
        ArrayNode metrics = root.putArray("metrics");
        baseline.metrics().forEach((metric, values) -> {
            ObjectNode node = metrics.addObject();
            node.put("name", metric.name());
            node.put("unit", metric.unit());
            node.put("better", metric.better().name());
            ArrayNode array = node.putArray("values");
            for (double v : values) {
                array.add(v);
            }
        });
        if (baseline.traceShape().isPresent()) {
            root.put("traceShape", BaselineStore.SHAPE_FILE);
        } else {
            root.putNull("traceShape");
        }
        ArrayNode profiles = root.putArray("profiles");
        for (ProfileSummary summary : baseline.profiles().values()) {
            ObjectNode node = profiles.addObject();
            node.put("event", summary.event().id());
            node.put("unit", summary.merged().unit().symbol());
            node.put("collapsed", BaselineStore.collapsedName(summary.event()));
            ArrayNode gc = node.putArray("gcShare");
            for (double v : summary.gcShare()) {
                gc.add(v);
            }
            ObjectNode recursion = node.putObject("recursionDepth");
            summary.recursionDepth().forEach((frame, depths) -> {
                ArrayNode array = recursion.putArray(frame);
                for (int d : depths) {
                    array.add(d);
                }
            });
            ArrayNode frames = node.putArray("frames");
            List<String> written = new ArrayList<>();
            for (FrameSeries series : summary.frames()) {
                ObjectNode frame = frames.addObject();
                int parent = nearestAncestor(written, series.path());
                frame.put("parent", parent);
                frame.put("frames", parent < 0 ? series.path() : series.path().substring(written.get(parent).length() + 1));
                written.add(series.path());
                ArrayNode total = frame.putArray("total");
                for (double v : series.total()) {
                    total.add(v);
                }
                ArrayNode self = frame.putArray("self");
                for (double v : series.self()) {
                    self.add(v);
                }
            }
        }
        return root;
    }

    /**
     * Index of the longest already written path that {@code path} extends, or -1. Paths arrive sorted,
     * so an ancestor always precedes its descendants.
     */
    private static int nearestAncestor(List<String> written, String path) {
        for (int i = written.size() - 1; i >= 0; i--) {
            String candidate = written.get(i);
            if (path.startsWith(candidate) && path.length() > candidate.length() && path.charAt(candidate.length()) == ';') {
                return i;
            }
        }
        return -1;
    }

    /** The environment as a JSON object; shared with result files. */
    public static ObjectNode environmentJson(Environment environment) {
        ObjectNode node = JSON.createObjectNode();
        node.put("jdkVendor", environment.jdkVendor());
        node.put("jdkVersion", environment.jdkVersion());
        node.put("os", environment.os());
        node.put("arch", environment.arch());
        node.put("cores", environment.cores());
        node.put("profilerEngine", environment.profilerEngine());
        node.put("flamegateVersion", environment.flamegateVersion());
        if (environment.calibrationNanos() > 0) {
            node.put("calibrationNanos", Math.round(environment.calibrationNanos()));
        }
        return node;
    }

    Baseline read(Path dir, String expectedId) {
        Path json = dir.resolve(BaselineStore.JSON_FILE);
        String remedy = instructions.reRecord(expectedId);
        JsonNode root = readJson(json, remedy);
        Fields fields = new Fields(json, remedy);
        int version = fields.integer(root, "schemaVersion");
        if (version > Baseline.SCHEMA_VERSION) {
            throw invalid(json, InvalidInputException.NO_LINE, "schema version " + version
                    + " was written by a newer flamegate (this build reads up to " + Baseline.SCHEMA_VERSION + ")", remedy);
        }
        if (version < 1) {
            throw invalid(json, InvalidInputException.NO_LINE, "unknown schema version " + version, remedy);
        }
        String id = fields.text(root, "id");
        if (expectedId == null) {
            remedy = instructions.reRecord(id);
            fields = new Fields(json, remedy);
        } else if (!expectedId.equals(id)) {
            throw invalid(json, InvalidInputException.NO_LINE, "holds the baseline of '" + id + "', expected '" + expectedId + "'", remedy);
        }
        String displayName = fields.text(root, "displayName");
        JsonNode env = fields.object(root, "environment");
        Environment environment = new Environment(fields.text(env, "jdkVendor"), fields.text(env, "jdkVersion"),
                fields.text(env, "os"), fields.text(env, "arch"), fields.integer(env, "cores"),
                fields.text(env, "profilerEngine"), fields.text(env, "flamegateVersion"),
                env.path("calibrationNanos").isNumber() && env.path("calibrationNanos").asDouble() > 0
                        ? env.path("calibrationNanos").asDouble() : Double.NaN);
        int rounds = fields.integer(root, "rounds");
        long[] invocations = fields.longs(root, "invocations", rounds);
        Map<Metric, double[]> metrics = new LinkedHashMap<>();
        for (JsonNode node : fields.array(root, "metrics")) {
            Metric metric;
            try {
                metric = new Metric(fields.text(node, "name"), fields.text(node, "unit"),
                        Metric.Better.valueOf(fields.text(node, "better")));
            } catch (IllegalArgumentException e) {
                throw invalid(json, InvalidInputException.NO_LINE, "bad metric: " + e.getMessage(), remedy);
            }
            metrics.put(metric, fields.doubles(node, "values", rounds));
        }
        Map<Event, ProfileSummary> profiles = new EnumMap<>(Event.class);
        for (JsonNode node : fields.array(root, "profiles")) {
            Event event;
            try {
                event = Event.parse(fields.text(node, "event"));
            } catch (IllegalArgumentException e) {
                throw invalid(json, InvalidInputException.NO_LINE, e.getMessage(), remedy);
            }
            String collapsed = fields.text(node, "collapsed");
            if (!collapsed.equals(BaselineStore.collapsedName(event))) {
                throw invalid(json, InvalidInputException.NO_LINE, "profile file '" + collapsed + "' is not " + BaselineStore.collapsedName(event), remedy);
            }
            Profile merged = readCollapsed(dir.resolve(collapsed), event, remedy);
            Map<String, int[]> recursion = new LinkedHashMap<>();
            JsonNode recursionNode = fields.object(node, "recursionDepth");
            Iterator<Map.Entry<String, JsonNode>> entries = recursionNode.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                long[] depths = fields.longs(recursionNode, entry.getKey(), rounds);
                int[] ints = new int[depths.length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = (int) depths[i];
                }
                recursion.put(entry.getKey(), ints);
            }
            List<FrameSeries> frames = new ArrayList<>();
            for (JsonNode frame : fields.array(node, "frames")) {
                int parent = fields.integer(frame, "parent");
                if (parent >= frames.size() || parent < -1) {
                    throw invalid(json, InvalidInputException.NO_LINE, "frame " + frames.size() + " of " + event.id()
                            + " names parent " + parent + ", which does not precede it", remedy);
                }
                String segment = fields.text(frame, "frames");
                String path = parent < 0 ? segment : frames.get(parent).path() + ";" + segment;
                frames.add(new FrameSeries(path, fields.doubles(frame, "total", rounds), fields.doubles(frame, "self", rounds)));
            }
            profiles.put(event, new ProfileSummary(event, frames, fields.doubles(node, "gcShare", rounds), recursion, merged));
        }
        Optional<TraceShape> shape = Optional.empty();
        JsonNode shapeNode = root.get("traceShape");
        if (shapeNode != null && !shapeNode.isNull()) {
            if (!BaselineStore.SHAPE_FILE.equals(shapeNode.asText())) {
                throw invalid(json, InvalidInputException.NO_LINE, "trace shape file '" + shapeNode.asText() + "' is not "
                        + BaselineStore.SHAPE_FILE, remedy);
            }
            Path shapeFile = dir.resolve(BaselineStore.SHAPE_FILE);
            boundedSize(shapeFile, remedy);
            try {
                shape = Optional.of(TraceShapeJson.read(shapeFile));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.source(), e.line(), stripSource(e), remedy, e);
            }
        }
        try {
            if (root.hasNonNull("runs")) {
                long[] runs = fields.longs(root, "runs", rounds);
                return Baseline.of(id, displayName, environment, invocations, metrics, profiles, shape,
                        Arrays.stream(runs).mapToInt(Math::toIntExact).toArray());
            }
            return Baseline.of(id, displayName, environment, invocations, metrics, profiles, shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(json, InvalidInputException.NO_LINE, e.getMessage(), remedy);
        }
    }

    private JsonNode readJson(Path json, String remedy) {
        byte[] bytes = boundedRead(json, remedy);
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw invalid(json, InvalidInputException.NO_LINE, "the file is empty", remedy);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw invalid(json, InvalidInputException.NO_LINE, "not a JSON object", remedy);
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? InvalidInputException.NO_LINE : Math.max(0, e.getLocation().getLineNr());
            throw new InvalidInputException(json.toString(), line, "not valid JSON, truncated or corrupt ("
                    + e.getOriginalMessage() + ")", remedy, e);
        } catch (IOException e) {
            throw invalid(json, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")", remedy);
        }
    }

    private Profile readCollapsed(Path file, Event event, String remedy) {
        boundedSize(file, remedy);
        try {
            return CollapsedFormat.read(file, event);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.source(), e.line(), stripSource(e), remedy, e);
        }
    }

    private static String stripSource(InvalidInputException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ", e.source().length());
        String problem = colon < 0 ? message : message.substring(colon + 2);
        int period = problem.indexOf(". ");
        problem = period < 0 ? problem : problem.substring(0, period);
        return problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem;
    }

    private byte[] boundedRead(Path file, String remedy) {
        boundedSize(file, remedy);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid(file, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")", remedy);
        }
    }

    private void boundedSize(Path file, String remedy) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw invalid(file, InvalidInputException.NO_LINE, "the file has " + size + " bytes, more than the "
                        + maxFileBytes + " a baseline file may have", remedy);
            }
        } catch (NoSuchFileException e) {
            throw invalid(file, InvalidInputException.NO_LINE, "the file is missing", remedy);
        } catch (IOException e) {
            throw invalid(file, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")", remedy);
        }
    }

    static InvalidInputException invalid(Path file, int line, String problem, String remedy) {
        return new InvalidInputException(file.toString(), line, problem, remedy);
    }

    /** Typed field access that turns every missing or mistyped field into an exact message. */
    private record Fields(Path file, String remedy) {

        JsonNode field(JsonNode node, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw invalid(file, InvalidInputException.NO_LINE, "missing field '" + name + "'", remedy);
            }
            return value;
        }

        String text(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isTextual()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not a string", remedy);
            }
            return value.textValue();
        }

        int integer(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not a whole number", remedy);
            }
            return value.intValue();
        }

        JsonNode object(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isObject()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not an object", remedy);
            }
            return value;
        }

        JsonNode array(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isArray()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not an array", remedy);
            }
            return value;
        }

        double[] doubles(JsonNode node, String name, int expected) {
            JsonNode array = sized(node, name, expected);
            double[] values = new double[array.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = array.get(i);
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' holds a non-number", remedy);
                }
                values[i] = v.doubleValue();
            }
            return values;
        }

        long[] longs(JsonNode node, String name, int expected) {
            JsonNode array = sized(node, name, expected);
            long[] values = new long[array.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = array.get(i);
                if (!v.isIntegralNumber()) {
                    throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' holds a non-integer", remedy);
                }
                values[i] = v.longValue();
            }
            return values;
        }

        private JsonNode sized(JsonNode node, String name, int expected) {
            JsonNode array = array(node, name);
            if (array.size() != expected) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' has " + array.size()
                        + " values for " + expected + " rounds", remedy);
            }
            return array;
        }
    }
}
