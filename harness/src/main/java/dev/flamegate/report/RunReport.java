package dev.flamegate.report;

import dev.flamegate.InvalidInputException;
import dev.flamegate.io.AtomicFiles;
import dev.flamegate.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The run report: scans one or more roots for {@code result.json} files (JUnit and JMH, every module
 * of a multi-module build), and writes {@code summary.json}, {@code index.html} and
 * {@code pr-comment.md} into one output directory, each atomically.
 *
 * <p>A result file that cannot be read is listed as an error in all three outputs, never skipped.
 *
 * <pre>{@code
 * RunReport.Outcome outcome = RunReport.builder()
 *         .root(projectRoot)
 *         .outputDirectory(projectRoot.resolve("target/flamegate"))
 *         .artifactUrl("https://github.com/acme/shop/actions/runs/42")
 *         .build()
 *         .write();
 * }</pre>
 */
public final class RunReport {

    /** File names of the outputs. */
    public static final String SUMMARY_FILE = "summary.json";
    public static final String INDEX_FILE = "index.html";
    public static final String COMMENT_FILE = "pr-comment.md";

    private final List<Path> roots;
    private final Set<Path> resultDirectories;
    private final Path outputDirectory;
    private final ArtifactLinks links;
    private final int maxChars;
    private final Redactor redactor;
    private final ResultReader reader;

    private RunReport(Builder builder) {
        this.roots = List.copyOf(builder.roots);
        this.resultDirectories = Set.copyOf(builder.resultDirectories);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("the run report needs at least one root");
        }
        this.outputDirectory = Objects.requireNonNull(builder.outputDirectory, "outputDirectory").toAbsolutePath().normalize();
        // upload-artifact keeps paths relative to the workspace, i.e. the first root
        this.links = ArtifactLinks.of(builder.artifactUrl).within(outputDirectory,
                builder.artifactRoot != null ? builder.artifactRoot : roots.get(0));
        this.maxChars = builder.maxChars;
        this.redactor = builder.redactor;
        this.reader = Objects.requireNonNull(builder.reader, "reader");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What {@link #write()} wrote. */
    public record Outcome(RunResults run, Path summary, Path index, Path comment) {
    }

    /** Scans the roots and reads every result; unreadable ones become {@link ReportError}s. */
    public RunResults collect() {
        ResultScanner.Found found = ResultScanner.scan(roots, resultDirectories);
        // Files are independent: read them on all cores; RunResults sorts, so the order does not matter.
        List<Object> read = found.resultFiles().parallelStream().map(this::readOne).toList();
        List<ReportedResult> results = new ArrayList<>(read.size());
        List<ReportError> errors = new ArrayList<>(found.unreadable());
        for (Object outcome : read) {
            if (outcome instanceof ReportedResult result) {
                results.add(result);
            } else {
                errors.add((ReportError) outcome);
            }
        }
        return RunResults.of(results, errors);
    }

    /** The result in {@code file}, or the error that says why it cannot be used. */
    private Object readOne(Path file) {
        try {
            return reader.read(file, outputDirectory);
        } catch (InvalidInputException e) {
            return new ReportError(relative(file), e.getMessage());
        } catch (RuntimeException e) {
            // Anything else a broken file provokes is still this file's problem, not the run's.
            return new ReportError(relative(file), "cannot read result: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ". Re-run the test to rewrite it, or delete the file");
        }
    }

    /** Collects the run, redacts it and writes the three outputs. */
    public Outcome write() {
        // Redact once here rather than in each of the three renderers: the regexes are the costly part.
        RunResults run = collect().redacted(redactor);
        Path summary = outputDirectory.resolve(SUMMARY_FILE);
        Path index = outputDirectory.resolve(INDEX_FILE);
        Path comment = outputDirectory.resolve(COMMENT_FILE);
        writeString(summary, SummaryJson.of(Redactor.none()).render(run));
        writeString(index, HtmlIndexRenderer.of(Redactor.none()).render(run));
        writeString(comment, PrCommentRenderer.of(links, maxChars, Redactor.none()).render(run));
        return new Outcome(run, summary, index, comment);
    }

    private static void writeString(Path target, String text) {
        try {
            AtomicFiles.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private String relative(Path file) {
        return relativePath(outputDirectory, file);
    }

    /** {@code file} relative to {@code directory}, {@code /}-separated (absolute when on another file system root). */
    public static String relativePath(Path directory, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = directory.toAbsolutePath().normalize();
        if (!Objects.equals(absolute.getRoot(), base.getRoot())) {
            return absolute.toString().replace('\\', '/');
        }
        return base.relativize(absolute).toString().replace('\\', '/');
    }

    /** Settings of a {@link RunReport}. */
    public static final class Builder {
        private final List<Path> roots = new ArrayList<>();
        private final Set<Path> resultDirectories = new HashSet<>();
        private Path outputDirectory;
        private String artifactUrl;
        private Path artifactRoot;
        private int maxChars = PrCommentRenderer.GITHUB_COMMENT_LIMIT;
        private Redactor redactor = Redactor.defaults();
        private ResultReader reader = ComparisonResultReader.get();

        private Builder() {
        }

        /** A directory to scan (a project root or a {@code target/flamegate} directory); repeatable. */
        public Builder root(Path root) {
            roots.add(Objects.requireNonNull(root, "root"));
            return this;
        }

        /**
         * A front end's own output directory (as {@code flamegate.output.dir} configures it) to scan as a root:
         * every {@code result.json} below it counts, whatever the directory is called.
         */
        public Builder resultsRoot(Path directory) {
            Path dir = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
            roots.add(dir);
            resultDirectories.add(dir);
            return this;
        }

        /** Where the three outputs go. */
        public Builder outputDirectory(Path directory) {
            this.outputDirectory = directory;
            return this;
        }

        /** Base URL of the uploaded artifact or the run (see {@link ArtifactLinks}); {@code null} for none. */
        public Builder artifactUrl(String url) {
            this.artifactUrl = url;
            return this;
        }

        /** The directory the artifact was uploaded from, which comment links are relative to; default the first root. */
        public Builder artifactRoot(Path directory) {
            this.artifactRoot = directory;
            return this;
        }

        /** Maximum length of {@code pr-comment.md}; default GitHub's 65,536. */
        public Builder maxChars(int maxChars) {
            this.maxChars = maxChars;
            return this;
        }

        /** The redactor for everything written; default {@link Redactor#defaults()}. */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** How {@code result.json} files are read; default {@link ComparisonResultReader}. */
        public Builder reader(ResultReader reader) {
            this.reader = reader;
            return this;
        }

        public RunReport build() {
            return new RunReport(this);
        }
    }
}
