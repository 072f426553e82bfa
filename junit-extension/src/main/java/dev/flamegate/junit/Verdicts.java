package dev.flamegate.junit;

import dev.flamegate.InvalidInputException;
import dev.flamegate.artifacts.ArtifactWriter;
import dev.flamegate.artifacts.RoundChart;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.compare.BaselineComparator;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import dev.flamegate.gate.GateAction;
import dev.flamegate.gate.GateRules;
import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.io.Futures;
import dev.flamegate.io.SafeText;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.redact.Redactor;
import dev.flamegate.trace.ShapeOptions;
import dev.flamegate.trace.TraceShape;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a finished run into its outcome: compares it with the baseline or records one, as the mode and
 * the CI policy say, and writes the artifacts. Artifact trouble is a warning; the baseline itself is
 * written later, only if the test passes as a whole ({@link BaselineWrite}).
 */
final class Verdicts {

    /** What every console line of the extension starts with. */
    static final String PREFIX = ConsolePrefix.PREFIX;

    /**
     * What became of one run.
     *
     * @param action what the gate did: judged it, recorded its baseline, or failed to do either
     * @param verdict the comparison's verdict
     * @param headline one line for the console and report entries
     * @param failure the message to fail the test with, or {@code null} when it passes
     * @param resultFile {@code result.json}, when written
     * @param publishable files worth publishing to JUnit (result, diff flame graphs)
     * @param warnings artifact and profiler warnings
     * @param baselineWrite the baseline to write if the test passes
     */
    record Outcome(GateAction action, Verdict verdict, String headline, String failure, Optional<Path> resultFile,
            List<Path> publishable, List<String> warnings, Optional<BaselineWrite> baselineWrite) {

        /** The one word the console and the run summary show: the verdict, or {@code RECORDED}, or {@code ERROR}. */
        String label() {
            return action.label(verdict);
        }

        /** This outcome as a failure of the gate: its baseline was not written, for {@code reason}. */
        Outcome notRecorded(String displayName, String reason) {
            return new Outcome(GateAction.FAILED, verdict, Verdict.ERROR + " " + SafeText.withoutControls(displayName) + ": "
                    + reason, failure, resultFile, publishable, warnings, Optional.empty());
        }
    }

    /** The per-test artifact charting every round, warm-up and measured. */
    static final String ROUND_CHART = "rounds.svg";

    private Verdicts() {
    }

    static Outcome apply(ProfilingConfig config, WorkloadRunner.Result result) {
        Measurement measurement = result.measurement();
        String id = measurement.id();
        GateRules rules = config.rules();
        BaselineStore store = BaselineStore.at(config.baselinesDir(), SurefireRecordCommand.INSTANCE);
        List<String> warnings = new ArrayList<>(result.warnings());
        Optional<Baseline> baseline;
        try {
            baseline = rules.baseline(store, id);
        } catch (InvalidInputException e) {
            return new Outcome(GateAction.FAILED, Verdict.ERROR, Verdict.ERROR + " " + measurement.displayName()
                    + ": unusable baseline", e.getMessage(), Optional.empty(), List.of(), warnings, Optional.empty());
        }
        // The profile artifacts (flame graphs, diffs) do not depend on the comparison: on a second core they are
        // written while the comparison runs, which takes them off the test's wall time.
        Optional<Baseline> before = baseline;
        CompletableFuture<ArtifactWriter> written = CompletableFuture.supplyAsync(() -> writeArtifacts(config, result, before));
        Comparison compared = BaselineComparator.compare(baseline, measurement, config.compare(), baselineOptions(config));
        // How the run was paced (a warm-up that did not settle, rounds added, JIT or GC in measured rounds) is
        // part of reading its verdict.
        Comparison.Builder withNotes = compared.toBuilder();
        result.notes().forEach(withNotes::note);
        Comparison comparison = result.notes().isEmpty() ? compared : withNotes.build();
        ArtifactWriter artifacts = Futures.join(written); // its I/O failures are warnings
        if (!comparison.shapeDiff().isBlank()) {
            artifacts.text("trace-shape.diff.txt", comparison.shapeDiff());
        }
        Optional<Path> resultFile = artifacts.result(comparison);
        warnings.addAll(artifacts.warnings());
        List<Path> publishable = new ArrayList<>();
        resultFile.ifPresent(publishable::add);
        publishable.addAll(artifacts.diffs().values());

        GateRules.Decision decision = rules.decide(baseline, comparison, store.directoryOf(id),
                SurefireRecordCommand.INSTANCE, artifacts.diffs());
        // Console lines, report entries and failure messages end up in public CI logs and test reports.
        Redactor redactor = config.redactor();
        String failure = decision.failure().map(redactor::redact).orElse(null);
        if (!decision.record()) {
            return new Outcome(GateAction.JUDGED, comparison.verdict(), redactor.redact(comparison.headline()), failure,
                    resultFile, publishable, List.copyOf(warnings), Optional.empty());
        }
        Baseline recorded = rules.toRecord(Baseline.from(measurement, baselineOptions(config)), baseline);
        String headline = GateAction.RECORDED + " " + redactor.redact(SafeText.withoutControls(measurement.displayName()))
                + " -> " + store.directoryOf(id);
        return new Outcome(GateAction.RECORDED, comparison.verdict(), headline, failure, resultFile, publishable,
                List.copyOf(warnings), Optional.of(new BaselineWrite(store, recorded, rules.mode().records())));
    }

    /**
     * The outcome of a test whose body threw before it could be measured: an {@code ERROR} {@code result.json}
     * (the exception's class and message, redacted) so the run report counts it.
     */
    static Outcome error(ProfilingConfig config, String id, String displayName, Throwable thrown) {
        Comparison comparison = Comparison.error(id, displayName, Environment.current("none"), thrown);
        ArtifactWriter artifacts = ArtifactWriter.forId(config.outputDir(), id).redacting(config.redactor());
        Optional<Path> resultFile = artifacts.result(comparison);
        String headline = config.redactor().redact(SafeText.withoutControls(comparison.headline()));
        return new Outcome(GateAction.JUDGED, Verdict.ERROR, headline, null, resultFile, resultFile.stream().toList(),
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
            return store.trySave(baseline);
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
        writer.profiles(name, result.merged(), baseline, "baseline → now");
        if (!result.timeline().isEmpty()) {
            writer.text(ROUND_CHART, RoundChart.svg(name, "wall time", result.timeline()));
        }
        List<SpanData> spans = result.measurement().rounds().get(0).spans();
        if (!spans.isEmpty()) {
            writer.text("trace-shape.txt", TraceShape.of(spans, baselineOptions(config).shapeOptions()).render());
        }
        return writer;
    }
}
