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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Baselines on disk: one directory per id under a root (default {@code baselines/} at the project
 * root), named by {@link BaselineIds#fileName(String)}, holding
 * <ul>
 *   <li>{@code baseline.json}: pretty JSON with {@code schemaVersion}, id, display name, the
 *       environment fingerprint, invocations per round, {@code runs} (per round the recorded run it came
 *       from, present when the baseline holds several runs), per-round metric values and per event the
 *       per-frame per-round shares, GC share and recursion depths. Frames are listed sorted by call
 *       path; each names the index of its nearest listed ancestor ({@code parent}, -1 for none) and the
 *       frames from there ({@code frames}), so a path is its parent's path, {@code ;}, and its frames;</li>
 *   <li>{@code <event>.collapsed}: each event's merged, pruned profile as sorted collapsed text;</li>
 *   <li>{@code trace-shape.json} ({@link TraceShapeJson}) and its readable rendering {@code trace-shape.txt},
 *       when spans were captured.</li>
 * </ul>
 * Everything is text with stable ordering, so a re-recorded baseline reads as a reviewable diff.
 *
 * <p>Saving is atomic per baseline: the files are written into a temporary sibling directory which
 * then replaces the old directory by two renames (old → backup, temporary → final). A crash between
 * them leaves the backup, which {@link #load} recovers, so a reader sees either the old or the new
 * baseline, never a mix. Reading refuses files over {@link #MAX_FILE_BYTES}, and corrupt, truncated,
 * empty or future-version files give an {@link InvalidInputException} that names the file and how to
 * re-record the baseline.
 */
public final class BaselineStore {

    /** Name of the JSON file in a baseline directory. */
    public static final String JSON_FILE = "baseline.json";
    /** Name of the trace-shape file in a baseline directory. */
    public static final String SHAPE_FILE = "trace-shape.json";
    /** Name of the readable trace-shape rendering (written for reviewers, never read). */
    public static final String SHAPE_TEXT_FILE = "trace-shape.txt";
    /** Largest file this store reads: 64 MiB. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // two documents in one file are corrupt, not half-read
    private static final String TEMP_MARK = ".tmp-";
    private static final String BACKUP_MARK = ".old-";

    /** Writes one file; a seam so tests can make a write fail half-way, or pause a save at a step to kill it there. */
    interface FileWriter {
        void write(Path file, byte[] content) throws IOException;

        /** Called at {@code "swap"} (all files written) and {@code "renamed-old"} (between the two renames). */
        default void checkpoint(String step) {
        }
    }

    private final Path root;
    private final FileWriter writer;
    private final long maxFileBytes;

    BaselineStore(Path root, FileWriter writer, long maxFileBytes) {
        this.root = Objects.requireNonNull(root, "root");
        this.writer = writer;
        this.maxFileBytes = maxFileBytes;
    }

    /** A store rooted at {@code dir}; the directory is created on the first {@link #save}. */
    public static BaselineStore at(Path dir) {
        return new BaselineStore(dir, Files::write, MAX_FILE_BYTES);
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    /** The directory the baseline of {@code id} lives in (whether or not it exists). */
    public Path directoryOf(String id) {
        return root.resolve(BaselineIds.fileName(id));
    }

    /**
     * Loads the baseline of {@code id}; empty when none was recorded.
     *
     * @throws InvalidInputException when a baseline exists but cannot be used
     */
    public Optional<Baseline> load(String id) {
        Path dir = directoryOf(id);
        if (!Files.isDirectory(dir)) {
            Optional<Path> backup = findBackup(dir);
            if (backup.isEmpty()) {
                return Optional.empty();
            }
            dir = recover(backup.get(), dir);
        }
        Path json = dir.resolve(JSON_FILE);
        if (!Files.exists(json)) {
            throw invalid(json, InvalidInputException.NO_LINE, "the baseline directory has no " + JSON_FILE, id);
        }
        return Optional.of(read(dir, id));
    }

    /**
     * Loads a baseline directory given by path (for example from the CLI), whatever id it holds.
     *
     * @throws InvalidInputException when it is not a usable baseline directory
     */
    public static Baseline loadDirectory(Path dir) {
        Path json = dir.resolve(JSON_FILE);
        if (!Files.isRegularFile(json)) {
            throw new InvalidInputException(dir.toString(), InvalidInputException.NO_LINE,
                    "not a baseline directory (no " + JSON_FILE + ")", "Pass a directory recorded with -Dflamegate.mode=record");
        }
        return new BaselineStore(dir.getParent() == null ? dir : dir.getParent(), Files::write, MAX_FILE_BYTES).read(dir, null);
    }

    /**
     * Writes {@code baseline} atomically, replacing any earlier baseline of its id.
     *
     * @throws UncheckedIOException when the files cannot be written; the earlier baseline is then intact
     */
    public void save(Baseline baseline) {
        Path target = directoryOf(baseline.id());
        String name = target.getFileName().toString();
        Path temp = root.resolve("." + name + TEMP_MARK + UUID.randomUUID());
        try {
            Files.createDirectories(root);
            removeLeftovers(target, name);
            Files.createDirectory(temp);
            for (ProfileSummary summary : baseline.profiles().values()) {
                writer.write(temp.resolve(collapsedName(summary.event())),
                        CollapsedFormat.toText(summary.merged()).getBytes(StandardCharsets.UTF_8));
            }
            if (baseline.traceShape().isPresent()) {
                TraceShape shape = baseline.traceShape().get();
                writer.write(temp.resolve(SHAPE_FILE), TraceShapeJson.write(shape).getBytes(StandardCharsets.UTF_8));
                writer.write(temp.resolve(SHAPE_TEXT_FILE), (shape.render() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            writer.write(temp.resolve(JSON_FILE), JSON.writeValueAsBytes(toJson(baseline)));
            writer.checkpoint("swap");
            swap(temp, target, name);
        } catch (IOException e) {
            deleteQuietly(temp);
            // An AccessDeniedException's message is only a path: name the kind, and say what to check.
            String kind = e instanceof java.nio.file.AccessDeniedException ? "permission denied: "
                    : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory: " : "";
            throw new UncheckedIOException("cannot write baseline " + target + " (" + kind + e.getMessage()
                    + "). Check that " + root + " is writable and has space; the previous baseline is unchanged", e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private void swap(Path temp, Path target, String name) throws IOException {
        if (!Files.exists(target)) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path backup = root.resolve("." + name + BACKUP_MARK + UUID.randomUUID());
        Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
        writer.checkpoint("renamed-old");
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        deleteQuietly(backup);
    }

    /**
     * Before a save of {@code target}: finishes a swap a killed process left half done (the old baseline
     * moved aside, the new one not in place), then deletes that id's temporary and backup directories of
     * earlier, interrupted saves, so they never pile up under {@code baselines/} or get committed. Two
     * processes saving the same id at once were never safe; the later one wins.
     */
    private void removeLeftovers(Path target, String name) {
        if (!Files.isDirectory(target)) {
            findBackup(target).ifPresent(backup -> recover(backup, target));
        }
        String temp = "." + name + TEMP_MARK;
        String old = "." + name + BACKUP_MARK;
        try (Stream<Path> siblings = Files.list(root)) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String file = p.getFileName().toString();
                if (file.startsWith(temp) || file.startsWith(old) && Files.isDirectory(target)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: leftovers are never read as a baseline (load takes only the id's own directory)
        }
    }

    private Optional<Path> findBackup(Path dir) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        String prefix = "." + dir.getFileName() + BACKUP_MARK;
        try (Stream<Path> siblings = Files.list(root)) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isRegularFile(p.resolve(JSON_FILE))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path recover(Path backup, Path dir) {
        try {
            Files.move(backup, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            return backup; // read it where it is; a later save replaces it
        }
    }

    private static String collapsedName(Event event) {
        return event.id() + ".collapsed";
    }

    // ---- JSON ----

    private static ObjectNode toJson(Baseline baseline) {
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
            root.put("traceShape", SHAPE_FILE);
        } else {
            root.putNull("traceShape");
        }
        ArrayNode profiles = root.putArray("profiles");
        for (ProfileSummary summary : baseline.profiles().values()) {
            ObjectNode node = profiles.addObject();
            node.put("event", summary.event().id());
            node.put("unit", summary.merged().unit().symbol());
            node.put("collapsed", collapsedName(summary.event()));
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

    private Baseline read(Path dir, String expectedId) {
        Path json = dir.resolve(JSON_FILE);
        String remedyId = expectedId;
        JsonNode root = readJson(json, remedyId);
        Fields fields = new Fields(json, remedyId);
        int version = fields.integer(root, "schemaVersion");
        if (version > Baseline.SCHEMA_VERSION) {
            throw invalid(json, InvalidInputException.NO_LINE, "schema version " + version
                    + " was written by a newer flamegate (this build reads up to " + Baseline.SCHEMA_VERSION + ")", remedyId);
        }
        if (version < 1) {
            throw invalid(json, InvalidInputException.NO_LINE, "unknown schema version " + version, remedyId);
        }
        String id = fields.text(root, "id");
        if (remedyId == null) {
            remedyId = id;
            fields = new Fields(json, id);
        }
        if (expectedId != null && !expectedId.equals(id)) {
            throw invalid(json, InvalidInputException.NO_LINE, "holds the baseline of '" + id + "', expected '" + expectedId + "'", expectedId);
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
                throw invalid(json, InvalidInputException.NO_LINE, "bad metric: " + e.getMessage(), remedyId);
            }
            metrics.put(metric, fields.doubles(node, "values", rounds));
        }
        Map<Event, ProfileSummary> profiles = new EnumMap<>(Event.class);
        for (JsonNode node : fields.array(root, "profiles")) {
            Event event;
            try {
                event = Event.parse(fields.text(node, "event"));
            } catch (IllegalArgumentException e) {
                throw invalid(json, InvalidInputException.NO_LINE, e.getMessage(), remedyId);
            }
            String collapsed = fields.text(node, "collapsed");
            if (!collapsed.equals(collapsedName(event))) {
                throw invalid(json, InvalidInputException.NO_LINE, "profile file '" + collapsed + "' is not " + collapsedName(event), remedyId);
            }
            Profile merged = readCollapsed(dir.resolve(collapsed), event, remedyId);
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
                            + " names parent " + parent + ", which does not precede it", remedyId);
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
            if (!SHAPE_FILE.equals(shapeNode.asText())) {
                throw invalid(json, InvalidInputException.NO_LINE, "trace shape file '" + shapeNode.asText() + "' is not "
                        + SHAPE_FILE, remedyId);
            }
            Path shapeFile = dir.resolve(SHAPE_FILE);
            boundedSize(shapeFile, remedyId);
            try {
                shape = Optional.of(TraceShapeJson.read(shapeFile));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.source(), e.line(), stripSource(e), remedy(remedyId), e);
            }
        }
        try {
            if (root.hasNonNull("runs")) {
                long[] runs = fields.longs(root, "runs", rounds);
                return Baseline.of(id, displayName, environment, invocations, metrics, profiles, shape,
                        java.util.Arrays.stream(runs).mapToInt(Math::toIntExact).toArray());
            }
            return Baseline.of(id, displayName, environment, invocations, metrics, profiles, shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(json, InvalidInputException.NO_LINE, e.getMessage(), remedyId);
        }
    }

    private JsonNode readJson(Path json, String id) {
        byte[] bytes = boundedRead(json, id);
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw invalid(json, InvalidInputException.NO_LINE, "the file is empty", id);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw invalid(json, InvalidInputException.NO_LINE, "not a JSON object", id);
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? InvalidInputException.NO_LINE : Math.max(0, e.getLocation().getLineNr());
            throw new InvalidInputException(json.toString(), line, "not valid JSON, truncated or corrupt ("
                    + e.getOriginalMessage() + ")", remedy(id), e);
        } catch (IOException e) {
            throw invalid(json, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")", id);
        }
    }

    private Profile readCollapsed(Path file, Event event, String id) {
        boundedSize(file, id);
        try {
            return CollapsedFormat.read(file, event);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.source(), e.line(), stripSource(e), remedy(id), e);
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

    private byte[] boundedRead(Path file, String id) {
        boundedSize(file, id);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid(file, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")", id);
        }
    }

    private void boundedSize(Path file, String id) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw invalid(file, InvalidInputException.NO_LINE, "the file has " + size + " bytes, more than the "
                        + maxFileBytes + " a baseline file may have", id);
            }
        } catch (NoSuchFileException e) {
            throw invalid(file, InvalidInputException.NO_LINE, "the file is missing", id);
        } catch (IOException e) {
            throw invalid(file, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")", id);
        }
    }

    static InvalidInputException invalid(Path file, int line, String problem, String id) {
        return new InvalidInputException(file.toString(), line, problem, remedy(id));
    }

    /** How to re-record the baseline of {@code id}, as a sentence. */
    public static String remedy(String id) {
        String test = id == null ? null : testSelector(id);
        return test == null
                ? "Re-record the baseline with -Dflamegate.mode=record (mvn verify -Dflamegate.mode=record) and commit it"
                : "Re-record the baseline with: mvn verify -Dflamegate.mode=record -Dtest='" + test + "' and commit it";
    }

    /** {@code com.acme.PricingTest#quotes(int)} → {@code PricingTest#quotes}, the surefire -Dtest form. */
    private static String testSelector(String id) {
        int hash = id.indexOf('#');
        if (hash <= 0) {
            return null;
        }
        String className = id.substring(0, hash);
        className = className.substring(className.lastIndexOf('.') + 1);
        String method = id.substring(hash + 1);
        int cut = 0;
        while (cut < method.length() && Character.isJavaIdentifierPart(method.charAt(cut))) {
            cut++;
        }
        method = method.substring(0, cut);
        return method.isEmpty() ? className : className + "#" + method;
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temporary directory is harmless and replaced by the next save
        }
    }

    /** Removes temporary directories left behind by interrupted saves. */
    public void cleanUp() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".*" + TEMP_MARK + "*")) {
            for (Path entry : entries) {
                deleteQuietly(entry);
            }
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    /** Typed field access that turns every missing or mistyped field into an exact message. */
    private record Fields(Path file, String id) {

        JsonNode field(JsonNode node, String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw invalid(file, InvalidInputException.NO_LINE, "missing field '" + name + "'", id);
            }
            return value;
        }

        String text(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isTextual()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not a string", id);
            }
            return value.textValue();
        }

        int integer(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.canConvertToInt() || !value.isIntegralNumber()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not a whole number", id);
            }
            return value.intValue();
        }

        JsonNode object(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isObject()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not an object", id);
            }
            return value;
        }

        JsonNode array(JsonNode node, String name) {
            JsonNode value = field(node, name);
            if (!value.isArray()) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' is not an array", id);
            }
            return value;
        }

        double[] doubles(JsonNode node, String name, int expected) {
            JsonNode array = sized(node, name, expected);
            double[] values = new double[array.size()];
            for (int i = 0; i < values.length; i++) {
                JsonNode v = array.get(i);
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' holds a non-number", id);
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
                    throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' holds a non-integer", id);
                }
                values[i] = v.longValue();
            }
            return values;
        }

        private JsonNode sized(JsonNode node, String name, int expected) {
            JsonNode array = array(node, name);
            if (array.size() != expected) {
                throw invalid(file, InvalidInputException.NO_LINE, "field '" + name + "' has " + array.size()
                        + " values for " + expected + " rounds", id);
            }
            return array;
        }
    }
}
