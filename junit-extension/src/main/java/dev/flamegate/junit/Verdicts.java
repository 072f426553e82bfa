package dev.flamegate.junit;

import dev.flamegate.InvalidInputException;
import dev.flamegate.artifacts.ArtifactWriter;
import dev.flamegate.artifacts.RoundChart;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.compare.Comparator;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import dev.flamegate.io.SafeText;
import dev.flamegate.measure.Measurement;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.redact.Redactor;
import dev.flamegate.trace.ShapeOptions;
import dev.flamegate.trace.TraceShape;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns a finished run into its outcome: compares it with the baseline or records one, as the mode and
 * the CI policy say, and writes the artifacts. Artifact trouble is a warning; the baseline itself is
 * written later, only if the test passes as a whole ({@link BaselineWrite}).
 */
final class Verdicts {

    /** What every console line of the extension starts with. */
    static final String PREFIX = dev.flamegate.io.ConsolePrefix.PREFIX;

    /** The label of a run whose baseline was written. */
    static final String RECORDED = "RECORDED";
    /** The label of a run flamegate could not judge or record. */
    static final String ERROR = Verdict.ERROR.name();

    /**
     * What became of one run.
     *
     * @param label the verdict's name, or {@link #RECORDED}
     * @param headline one line for the console and report entries
     * @param failure the message to fail the test with, or {@code null} when it passes
     * @param resultFile {@code result.json}, when written
     * @param publishable files worth publishing to JUnit (result, diff flame graphs)
     * @param warnings artifact and profiler warnings
     * @param baselineWrite the baseline to write if the test passes
     */
    record Outcome(String label, String headline, String failure, Optional<Path> resultFile, List<Path> publishable,
            List<String> warnings, Optional<BaselineWrite> baselineWrite) {

        /** This outcome as an {@link #ERROR}: its baseline was not written, for {@code reason}. */
        Outcome notRecorded(String displayName, String reason) {
            return new Outcome(ERROR, ERROR + " " + SafeText.withoutControls(displayName) + ": " + reason, failure,
                    resultFile, publishable, warnings, Optional.empty());
        }
    }

    /** The per-test artifact charting every round, warm-up and measured. */
    static final String ROUND_CHART = "rounds.svg";

    private Verdicts() {
    }

    static Outcome apply(ProfilingConfig config, WorkloadRunner.Result result) {
        Measurement measurement = result.measurement();
        String id = measurement.id();
        BaselineStore store = BaselineStore.at(config.baselinesDir());
        List<String> warnings = new ArrayList<>(result.warnings());
        Optional<Baseline> baseline;
        try {
            baseline = store.load(id);
        } catch (InvalidInputException e) {
            if (!config.mode().records()) {
                return new Outcome(ERROR, ERROR + " " + measurement.displayName() + ": unusable baseline",
                        e.getMessage(), Optional.empty(), List.of(), warnings, Optional.empty());
            }
            baseline = Optional.empty(); // about to be replaced
        }
        // The profile artifacts (flame graphs, diffs) do not depend on the comparison: on a second core they are
        // written while the comparison runs, which takes them off the test's wall time.
        Optional<Baseline> before = baseline;
        CompletableFuture<ArtifactWriter> written = CompletableFuture.supplyAsync(() -> writeArtifacts(config, result, before));
        Comparison compared = Comparator.compare(baseline, measurement, config.compare(), baselineOptions(config));
        // How the run was paced (a warm-up that did not settle, rounds added, JIT or GC in measured rounds) is
        // part of reading its verdict.
        Comparison.Builder withNotes = compared.toBuilder();
        result.notes().forEach(withNotes::note);
        Comparison comparison = result.notes().isEmpty() ? compared : withNotes.build();
        ArtifactWriter artifacts = join(written);
        if (!comparison.shapeDiff().isBlank()) {
            artifacts.text("trace-shape.diff.txt", comparison.shapeDiff());
        }
        Optional<Path> resultFile = artifacts.result(comparison);
        warnings.addAll(artifacts.warnings());
        List<Path> publishable = new ArrayList<>();
        resultFile.ifPresent(publishable::add);
        for (Event event : result.merged().keySet()) {
            artifacts.path(event.id() + ".diff").ifPresent(publishable::add);
        }

        String failure = null;
        String label = comparison.verdict().name();
        // Console lines, report entries and failure messages end up in public CI logs and test reports.
        Redactor redactor = config.redactor();
        String headline = redactor.redact(comparison.headline());
        boolean record = config.mode().records();
        if (config.mode() == Mode.VERIFY && baseline.isEmpty()) {
            MissingBaseline policy = config.ci() ? config.ciMissingBaseline() : MissingBaseline.RECORD;
            if (policy == MissingBaseline.FAIL) {
                failure = "No baseline for " + id + " in " + store.directoryOf(id) + ", and CI=true does not record one. "
                        + BaselineStore.remedy(id).replace("Re-record", "Record") + ".";
            }
            record = policy == MissingBaseline.RECORD;
        } else if (config.mode() == Mode.VERIFY && comparison.verdict() == Verdict.REGRESSION) {
            StringBuilder message = new StringBuilder(comparison.describe());
            for (Event event : result.merged().keySet()) {
                artifacts.path(event.id() + ".diff").ifPresent(p -> message.append(System.lineSeparator())
                        .append("Differential flame graph (").append(event.id()).append("): ").append(p));
            }
            failure = message.toString();
        }
        BaselineWrite write = null;
        if (record && failure == null) {
            Baseline recorded = Baseline.from(measurement, baselineOptions(config));
            if (config.mode() == Mode.APPEND && baseline.isPresent()
                    && baseline.get().environment().mismatches(recorded.environment()).isEmpty()) {
                recorded = baseline.get().withRun(recorded, config.baselineRuns());
            }
            write = new BaselineWrite(store, recorded, config.mode().records());
            label = RECORDED;
            headline = RECORDED + " " + redactor.redact(SafeText.withoutControls(measurement.displayName())) + " -> "
                    + store.directoryOf(id);
        }
        return new Outcome(label, headline, failure == null ? null : redactor.redact(failure), resultFile,
                publishable, List.copyOf(warnings), Optional.ofNullable(write));
    }

    /**
     * The outcome of a test whose body threw before it could be measured: an {@code ERROR} {@code result.json}
     * (the exception's class and message, redacted) so the run report counts it.
     */
    static Outcome error(ProfilingConfig config, String id, String displayName, Throwable thrown) {
        Comparison comparison = Comparison.error(id, displayName, dev.flamegate.measure.Environment.current("none"), thrown);
        ArtifactWriter artifacts = ArtifactWriter.forId(config.outputDir(), id).redacting(config.redactor());
        Optional<Path> resultFile = artifacts.result(comparison);
        String headline = config.redactor().redact(SafeText.withoutControls(comparison.headline()));
        return new Outcome(Verdict.ERROR.name(), headline, null, resultFile, resultFile.stream().toList(),
                List.copyOf(artifacts.warnings()), Optional.empty());
    }

    /**
     * A baseline to write once the test has passed as a whole: only JUnit knows after the interceptor whether
     * {@code @AfterEach} methods or an enclosing {@code @Timeout} failed it, so the write waits for
     * {@link FlamegateExtension#afterEach}.
     *
     * @param required whether failing to write fails the test (record mode) or only warns
     */
    record BaselineWrite(BaselineStore store, Baseline baseline, boolean required) {

        /** Writes atomically; returns the problem when that failed. */
        Optional<String> save() {
            try {
                store.save(baseline);
                return Optional.empty();
            } catch (UncheckedIOException | InvalidInputException e) {
                return Optional.of("could not record the baseline in " + store.directoryOf(baseline.id()) + ": "
                        + e.getMessage());
            }
        }
    }

    /** Trace shapes redacted with the user's {@code flamegate.redact} rule too. */
    private static BaselineOptions baselineOptions(ProfilingConfig config) {
        return BaselineOptions.defaults().withShapeOptions(ShapeOptions.defaults().withRedactor(config.shapeRedactor()));
    }

    private static ArtifactWriter writeArtifacts(ProfilingConfig config, WorkloadRunner.Result result,
            Optional<Baseline> baseline) {
        String name = result.measurement().displayName();
        ArtifactWriter writer = ArtifactWriter.forId(config.outputDir(), result.measurement().id())
                .redacting(config.redactor());
        if (config.keepRecording()) {
            result.recording().ifPresent(writer::recording);
        }
        for (Map.Entry<Event, Profile> entry : result.merged().entrySet()) {
            Profile profile = entry.getValue();
            writer.profile(profile);
            if (profile.isEmpty()) {
                continue;
            }
            writer.flame(profile, name + " (" + entry.getKey().id() + ")");
            Optional<ProfileSummary> before = baseline.map(b -> b.profiles().get(entry.getKey()));
            before.filter(s -> !s.merged().isEmpty())
                    .ifPresent(s -> writer.diff(s.merged(), profile, name + " (" + entry.getKey().id() + ", baseline → now)"));
        }
        if (!result.timeline().isEmpty()) {
            writer.text(ROUND_CHART, RoundChart.svg(name, "wall time", result.timeline()));
        }
        List<io.opentelemetry.sdk.trace.data.SpanData> spans = result.measurement().rounds().get(0).spans();
        if (!spans.isEmpty()) {
            writer.text("trace-shape.txt", TraceShape.of(spans, baselineOptions(config).shapeOptions()).render());
        }
        return writer;
    }

    private static ArtifactWriter join(CompletableFuture<ArtifactWriter> written) {
        try {
            return written.join();
        } catch (CompletionException e) {
            // ArtifactWriter turns I/O and runtime failures into warnings; what is left is an Error.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
