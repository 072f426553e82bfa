package dev.flamegate.artifacts;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.ComparisonJson;
import dev.flamegate.flame.DiffFlameGraph;
import dev.flamegate.flame.FlameDiffText;
import dev.flamegate.flame.FlameGraph;
import dev.flamegate.flame.FlameOptions;
import dev.flamegate.io.AtomicFiles;
import dev.flamegate.profile.CollapsedFormat;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;

import dev.flamegate.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the artifacts of one test or benchmark into its own directory, e.g.
 * {@code target/flamegate/<BaselineIds.fileName(id)>/}:
 * <ul>
 *   <li>{@code <event>.collapsed}: this run's profile (all rounds merged), label {@code <event>.collapsed}
 *   <li>{@code profile.jfr}: the JFR recording where one was made, label {@code jfr}
 *   <li>{@code <event>.flame.html}: its flame graph, label {@code <event>.flame}
 *   <li>{@code <event>.diff.html}: differential flame graph against the baseline, label {@code <event>.diff}
 *   <li>{@code trace-shape.txt}, {@code trace-shape.diff.txt} (any text artifact), labelled by their name
 *   <li>{@code result.json}: the {@link Comparison} with every artifact above as a relative path
 * </ul>
 *
 * <p>Secrets stay out: every name and text written (frames, titles, trace shapes, {@code result.json})
 * passes a {@link Redactor}, by default {@link Redactor#defaults()} (credentials, tokens, e-mail
 * addresses, private keys; see {@link #redacting}). A raw JFR recording is written only when the caller asks
 * for it with {@link #recording}: it holds the JVM's system properties, environment variables and command line.
 *
 * <p>Each file is written atomically (a temporary file in the same directory, then a move). A failure to
 * write one (disk full, unwritable {@code target/}) never throws: it becomes one of {@link #warnings()} and
 * the artifact is left out of {@code result.json}; the test or benchmark result is reported regardless.
 * Collects labels in order; not thread-safe.
 */
public final class ArtifactWriter {

    /** The file that holds the comparison. */
    public static final String RESULT_FILE = ComparisonJson.FILE_NAME;

    /** Runs before each file is written; a seam so tests can fail writes the way a full disk does. */
    interface WriteCheck {
        void before(Path file) throws IOException;
    }

    private final Path directory;
    private final FlameOptions flameOptions;
    private Redactor redactor = Redactor.defaults();
    /** Redacted frame names: a writer redacts several profiles of one run, mostly with the same frames. */
    private final Map<String, String> redactedFrames = new HashMap<>();
    private final WriteCheck check;
    private final Map<String, String> artifacts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    ArtifactWriter(Path directory, FlameOptions flameOptions, WriteCheck check) {
        this.directory = directory;
        this.flameOptions = flameOptions;
        this.check = check;
    }

    /** A writer for the artifacts of {@code id} under {@code outputRoot} (one safe directory per id). */
    public static ArtifactWriter forId(Path outputRoot, String id) {
        return at(outputRoot.resolve(BaselineIds.fileName(id)));
    }

    /** A writer into {@code directory} itself. */
    public static ArtifactWriter at(Path directory) {
        return new ArtifactWriter(directory.toAbsolutePath().normalize(), FlameOptions.defaults(), file -> { });
    }

    /** Redacts with {@code value} instead of {@link Redactor#defaults()} from now on. */
    public ArtifactWriter redacting(Redactor value) {
        this.redactor = Objects.requireNonNull(value, "redactor");
        redactedFrames.clear();
        return this;
    }

    /** The directory the artifacts go to. */
    public Path directory() {
        return directory;
    }

    /** Writes {@code profile} as {@code <event>.collapsed}. */
    public ArtifactWriter profile(Profile profile) {
        String name = profile.event().id() + ".collapsed";
        Profile redacted = redacted(profile);
        write(name, name, path -> AtomicFiles.write(path, out -> CollapsedFormat.write(redacted, out)));
        return this;
    }

    /**
     * Moves (or copies, across file systems) the JFR file {@code recording} in as {@code profile.jfr}, as it is:
     * a recording holds system properties, environment variables and the JVM command line, which no redaction
     * reaches. Front ends call this only when the user opted in.
     */
    public ArtifactWriter recording(Path recording) {
        write("jfr", "profile.jfr", path -> AtomicFiles.moveInto(recording, path));
        return this;
    }

    /** Writes the flame graph of {@code profile} as {@code <event>.flame.html}. */
    public ArtifactWriter flame(Profile profile, String title) {
        write(profile.event().id() + ".flame", profile.event().id() + ".flame.html",
                path -> FlameGraph.writeHtml(redacted(profile), flameOptions, redactor.redact(title), path));
        return this;
    }

    /**
     * Writes the differential flame graph {@code before} → {@code after} as {@code <event>.diff.html}, and its
     * changed paths as a text tree ({@link FlameDiffText}) as {@code <event>.diff.txt} for the PR comment (when
     * any path changed).
     */
    public ArtifactWriter diff(Profile before, Profile after, String title) {
        Profile redactedBefore = redacted(before);
        Profile redactedAfter = redacted(after);
        write(after.event().id() + ".diff", after.event().id() + ".diff.html",
                path -> DiffFlameGraph.writeHtml(redactedBefore, redactedAfter, flameOptions, redactor.redact(title), path));
        String tree = FlameDiffText.defaults().render(redactedBefore, redactedAfter);
        if (!tree.isEmpty()) {
            write(after.event().id() + DIFF_TEXT, after.event().id() + ".diff.txt", path -> AtomicFiles.writeString(path, tree));
        }
        return this;
    }

    /**
     * Writes each event's profile of a run with its flame graph and, where {@code baseline} has a non-empty profile of
     * that event, the flame diff baseline → run ({@code title} names the comparison, e.g. {@code baseline → now}).
     */
    public ArtifactWriter profiles(String name, Map<Event, Profile> profiles, Optional<Baseline> baseline, String title) {
        for (Map.Entry<Event, Profile> entry : profiles.entrySet()) {
            Profile profile = entry.getValue();
            profile(profile);
            if (profile.isEmpty()) {
                continue;
            }
            String event = entry.getKey().id();
            flame(profile, name + " (" + event + ")");
            baseline.map(b -> b.profiles().get(entry.getKey()))
                    .map(ProfileSummary::merged)
                    .filter(before -> !before.isEmpty())
                    .ifPresent(before -> diff(before, profile, name + " (" + event + ", " + title + ")"));
        }
        return this;
    }

    /** The differential flame graphs written, by event. */
    public Map<Event, Path> diffs() {
        Map<Event, Path> diffs = new EnumMap<>(Event.class);
        for (Event event : Event.values()) {
            path(event.id() + ".diff").ifPresent(p -> diffs.put(event, p));
        }
        return diffs;
    }

    /** Label suffix of the text tree of a flame diff: {@code cpu.diff.text} is {@code cpu.diff.txt}. */
    public static final String DIFF_TEXT = ".diff.text";

    /** Writes {@code content} as the UTF-8 text file {@code fileName}, labelled by the name without {@code .txt}. */
    public ArtifactWriter text(String fileName, String content) {
        Objects.requireNonNull(content, "content");
        String label = fileName.endsWith(".txt") ? fileName.substring(0, fileName.length() - 4) : fileName;
        write(label, fileName, path -> AtomicFiles.writeString(path, redactor.redact(content)));
        return this;
    }

    /**
     * Writes {@code comparison}, with the artifacts written so far, as {@code result.json}.
     *
     * @return the file, or empty when it could not be written (see {@link #warnings()})
     */
    public Optional<Path> result(Comparison comparison) {
        Comparison withArtifacts = comparison.withArtifacts(artifacts());
        Path file = directory.resolve(RESULT_FILE);
        try {
            Files.createDirectories(directory);
            check.before(file);
            ComparisonJson.write(withArtifacts, file, redactor);
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            warnings.add("could not write " + file + ": " + describe(e));
            return Optional.empty();
        }
    }

    /** Label → path relative to {@link #directory()}, of every artifact written, in writing order. */
    public Map<String, String> artifacts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
    }

    /** The absolute path of the artifact labelled {@code label}, if it was written. */
    public Optional<Path> path(String label) {
        return Optional.ofNullable(artifacts.get(label)).map(directory::resolve);
    }

    /** Why artifacts are missing, one sentence each. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private Profile redacted(Profile profile) {
        return profile.withFramesRenamed(frame -> redactedFrames.computeIfAbsent(frame, redactor::redact));
    }

    @FunctionalInterface
    private interface FileWrite {
        void to(Path path) throws IOException;
    }

    private void write(String label, String fileName, FileWrite write) {
        Path path = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            check.before(path);
            write.to(path);
            artifacts.put(label, fileName);
        } catch (IOException | RuntimeException e) {
            warnings.add("could not write " + path + ": " + describe(e));
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + " " + cause.getMessage();
    }
}
