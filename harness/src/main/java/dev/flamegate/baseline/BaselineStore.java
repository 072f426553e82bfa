package dev.flamegate.baseline;

import dev.flamegate.InvalidInputException;
import dev.flamegate.profile.CollapsedFormat;
import dev.flamegate.profile.Event;
import dev.flamegate.trace.TraceShape;
import dev.flamegate.trace.TraceShapeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
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
    private final RecordInstructions instructions;

    BaselineStore(Path root, FileWriter writer, long maxFileBytes) {
        this(root, writer, maxFileBytes, RecordInstructions.MODE_PROPERTY);
    }

    private BaselineStore(Path root, FileWriter writer, long maxFileBytes, RecordInstructions instructions) {
        this.root = Objects.requireNonNull(root, "root");
        this.writer = writer;
        this.maxFileBytes = maxFileBytes;
        this.instructions = Objects.requireNonNull(instructions, "instructions");
    }

    /** A store rooted at {@code dir}; the directory is created on the first {@link #save}. */
    public static BaselineStore at(Path dir) {
        return at(dir, RecordInstructions.MODE_PROPERTY);
    }

    /** A store rooted at {@code dir} whose errors tell how to record again as {@code instructions} say. */
    public static BaselineStore at(Path dir, RecordInstructions instructions) {
        return new BaselineStore(dir, Files::write, MAX_FILE_BYTES, instructions);
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
            throw BaselineJson.invalid(json, InvalidInputException.NO_LINE, "the baseline directory has no " + JSON_FILE,
                    instructions.reRecord(id));
        }
        return Optional.of(new BaselineJson(maxFileBytes, instructions).read(dir, id));
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
        return new BaselineJson(MAX_FILE_BYTES, RecordInstructions.MODE_PROPERTY).read(dir, null);
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
            writer.write(temp.resolve(JSON_FILE), BaselineJson.JSON.writeValueAsBytes(BaselineJson.toJson(baseline)));
            writer.checkpoint("swap");
            swap(temp, target, name);
        } catch (IOException e) {
            deleteQuietly(temp);
            // An AccessDeniedException's message is only a path: name the kind, and say what to check.
            String kind = e instanceof AccessDeniedException ? "permission denied: "
                    : e instanceof NoSuchFileException ? "no such file or directory: " : "";
            throw new UncheckedIOException("cannot write baseline " + target + " (" + kind + e.getMessage()
                    + "). Check that " + root + " is writable and has space; the previous baseline is unchanged", e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * As {@link #save}, for a front end that reports rather than throws: the problem, naming the directory, when the
     * baseline could not be written (the earlier baseline is then intact).
     */
    public Optional<String> trySave(Baseline baseline) {
        try {
            save(baseline);
            return Optional.empty();
        } catch (UncheckedIOException | InvalidInputException e) {
            return Optional.of("could not record the baseline in " + directoryOf(baseline.id()) + ": " + e.getMessage());
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

    static String collapsedName(Event event) {
        return event.id() + ".collapsed";
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
}
