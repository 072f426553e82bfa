package dev.flamegate.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flamegate.InvalidInputException;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@link TraceShape}s as pretty, deterministic JSON for baselines that people review
 * in pull requests; {@code read(write(shape))} equals {@code shape}.
 *
 * <pre>
 * {
 *   "version": 1,
 *   "ordered": false,
 *   "roots": [
 *     {
 *       "name": "GET /orders/{n}",
 *       "kind": "SERVER",
 *       "attributes": { "http.request.method": "GET" },
 *       "count": 1,
 *       "children": [ { "name": "SELECT orders", "kind": "CLIENT", "count": 6, "minPerParent": 1, "maxPerParent": 4 } ]
 *     }
 *   ]
 * }
 * </pre>
 * {@code attributes} and {@code children} are left out when empty; {@code minPerParent} and
 * {@code maxPerParent} (see {@link ShapeNode}) when both equal {@code count}. Object members appear in
 * the order above, attributes sorted by label, children in the shape's order.
 *
 * <p>Anything else (unknown or duplicate members, wrong types, inconsistent counts, a newer
 * {@code version}) is an {@link InvalidInputException} naming the source and, where JSON syntax is
 * broken, the line.
 */
public final class TraceShapeJson {

    /** The format version this class writes and the newest it reads. */
    public static final int VERSION = 1;

    /** Files larger than this are refused rather than read into memory. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private static final String REMEDY = "Re-record the baseline with -Dflamegate.mode=record, or fix the file by hand";
    private static final Set<String> SHAPE_FIELDS = Set.of("version", "ordered", "roots");
    private static final Set<String> NODE_FIELDS = Set.of("name", "kind", "attributes", "count", "minPerParent",
            "maxPerParent", "children");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private TraceShapeJson() {
    }

    /** The shape as pretty JSON text with a final line break. */
    public static String write(TraceShape shape) {
        try {
            return WRITER.writeValueAsString(toJson(shape)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree failed to serialise", e);
        }
    }

    /** The shape as a JSON tree, e.g. to embed in a larger baseline document. */
    public static ObjectNode toJson(TraceShape shape) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("version", VERSION);
        root.put("ordered", shape.ordered());
        root.set("roots", nodes(shape.roots()));
        return root;
    }

    /** Reads a shape file; missing, unreadable, too large or malformed files give an {@link InvalidInputException}. */
    public static TraceShape read(Path file) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(source, InvalidInputException.NO_LINE,
                        "trace shape file has " + size + " bytes, more than the limit of " + MAX_FILE_BYTES, REMEDY);
            }
            return read(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "trace shape file does not exist",
                    "Record the baseline with -Dflamegate.mode=record", e);
        } catch (MalformedInputException e) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "trace shape file is not UTF-8 text",
                    REMEDY, e);
        } catch (IOException e) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE,
                    "trace shape file cannot be read: " + e.getMessage(), "Check the file's permissions", e);
        }
    }

    /** Parses JSON text; {@code source} names it in errors. */
    public static TraceShape read(String json, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? InvalidInputException.NO_LINE : Math.max(0, e.getLocation().getLineNr());
            throw new InvalidInputException(source, line, "trace shape is not valid JSON: " + e.getOriginalMessage(),
                    REMEDY, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "trace shape file is empty", REMEDY);
        }
        return fromJson(tree, source);
    }

    /** A shape from a JSON tree made by {@link #toJson(TraceShape)}; {@code source} names it in errors. */
    public static TraceShape fromJson(JsonNode tree, String source) {
        return new Reader(source).shape(tree);
    }

    private static ArrayNode nodes(List<ShapeNode> nodes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ShapeNode node : nodes) {
            ObjectNode object = array.addObject();
            object.put("name", node.name());
            object.put("kind", node.kind().name());
            if (!node.attributes().isEmpty()) {
                ObjectNode attributes = object.putObject("attributes");
                node.attributes().forEach(attributes::put);
            }
            object.put("count", node.total());
            if (node.minPerParent() != node.total() || node.maxPerParent() != node.total()) {
                object.put("minPerParent", node.minPerParent());
                object.put("maxPerParent", node.maxPerParent());
            }
            if (!node.children().isEmpty()) {
                object.set("children", nodes(node.children()));
            }
        }
        return array;
    }

    /** Validating tree reader that names the JSON path of each problem. */
    private record Reader(String source) {

        TraceShape shape(JsonNode tree) {
            object(tree, "the document", SHAPE_FIELDS);
            JsonNode version = tree.get("version");
            if (version == null || !version.canConvertToExactIntegral() || !version.isIntegralNumber()) {
                throw invalid("\"version\" is missing or not an integer");
            }
            if (version.asInt() > VERSION || version.asInt() < 1) {
                throw new InvalidInputException(source, InvalidInputException.NO_LINE, "trace shape has format version "
                        + version.asText() + " but this flamegate reads versions 1 to " + VERSION,
                        "Update flamegate, or re-record the baseline with -Dflamegate.mode=record");
            }
            JsonNode ordered = tree.get("ordered");
            if (ordered == null || !ordered.isBoolean()) {
                throw invalid("\"ordered\" is missing or not true/false");
            }
            return new TraceShape(nodes(tree.get("roots"), "roots"), ordered.booleanValue());
        }

        private List<ShapeNode> nodes(JsonNode array, String path) {
            if (array == null || !array.isArray()) {
                throw invalid(path + " is missing or not an array");
            }
            List<ShapeNode> nodes = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                nodes.add(node(array.get(i), path + "[" + i + "]"));
            }
            return nodes;
        }

        private ShapeNode node(JsonNode json, String path) {
            object(json, path, NODE_FIELDS);
            String name = text(json.get("name"), path + ".name");
            String kindText = text(json.get("kind"), path + ".kind");
            SpanKind kind;
            try {
                kind = SpanKind.valueOf(kindText);
            } catch (IllegalArgumentException e) {
                throw invalid(path + ".kind is \"" + kindText + "\", not one of " + List.of(SpanKind.values()));
            }
            TreeMap<String, String> attributes = new TreeMap<>();
            JsonNode attributeNode = json.get("attributes");
            if (attributeNode != null) {
                if (!attributeNode.isObject()) {
                    throw invalid(path + ".attributes is not an object");
                }
                Iterator<Map.Entry<String, JsonNode>> fields = attributeNode.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    attributes.put(field.getKey(), text(field.getValue(), path + ".attributes." + field.getKey()));
                }
            }
            int count = integer(json.get("count"), path + ".count");
            JsonNode min = json.get("minPerParent");
            JsonNode max = json.get("maxPerParent");
            if ((min == null) != (max == null)) {
                throw invalid(path + " has only one of minPerParent and maxPerParent");
            }
            int minPerParent = min == null ? count : integer(min, path + ".minPerParent");
            int maxPerParent = max == null ? count : integer(max, path + ".maxPerParent");
            JsonNode children = json.get("children");
            List<ShapeNode> childNodes = children == null ? List.of() : nodes(children, path + ".children");
            try {
                return new ShapeNode(new NodeKey(name, kind, attributes), count, minPerParent, maxPerParent, childNodes);
            } catch (IllegalArgumentException e) {
                throw invalid(path + ": " + e.getMessage());
            }
        }

        private void object(JsonNode json, String path, Set<String> allowed) {
            if (json == null || !json.isObject()) {
                throw invalid(path + " is not a JSON object");
            }
            Iterator<String> names = json.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw invalid(path + " has an unknown member \"" + name + "\"");
                }
            }
        }

        private String text(JsonNode json, String path) {
            if (json == null || !json.isTextual()) {
                throw invalid(path + " is missing or not a string");
            }
            return json.textValue();
        }

        private int integer(JsonNode json, String path) {
            if (json == null || !json.isIntegralNumber() || !json.canConvertToInt()) {
                throw invalid(path + " is missing or not an integer");
            }
            return json.intValue();
        }

        private InvalidInputException invalid(String problem) {
            return new InvalidInputException(source, InvalidInputException.NO_LINE, "invalid trace shape: " + problem,
                    REMEDY);
        }
    }
}
