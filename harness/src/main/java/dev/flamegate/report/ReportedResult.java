package dev.flamegate.report;

import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.MetricChange.Status;
import dev.flamegate.compare.Verdict;
import dev.flamegate.redact.Redactor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One test's or benchmark's {@code result.json} as the run report shows it: what {@link ResultReader}
 * takes from a comparison result, with artifact paths made relative to the report's output directory.
 *
 * <p>This is a view for rendering, not a file format: {@code result.json} is written and read by
 * {@code dev.flamegate.compare.ComparisonJson}.
 *
 * @param id stable id of the test or benchmark
 * @param displayName how people know it
 * @param verdict the verdict (see {@link VerdictOrder} for the report's order)
 * @param headline one line saying what happened, e.g. {@code CPU/op +23.4 % (95 % CI +18.0 % … +29.1 %)}
 * @param metrics the compared scalar metrics, in the order the comparison lists them
 * @param frames the frames that explain the change, most important first, with share before → after
 * @param hottestPath the hottest changed call path, root first (may be empty)
 * @param findings findings beyond single frames (GC pressure, deeper recursion, new hot frames)
 * @param shapeChange a short summary of the trace-shape change, e.g. {@code none} or {@code +1 node}
 * @param shapeDiff the trace-shape diff as text; empty when the shape did not change
 * @param environment a one-line description of where it ran
 * @param confidence 1 − p of the metric that decided the verdict (0…1), or {@code NaN} when there is none
 * @param artifacts label → path relative to the report output directory ({@code /}-separated), e.g.
 *     {@code cpu flame diff → junit/PricingTest.quote/cpu-diff.html}; sorted by label
 * @param resultPath the {@code result.json} itself, relative to the report output directory
 * @param flameDiff the changed paths of the leading profile's flame diff as a text tree (see
 *     {@code dev.flamegate.flame.FlameDiffText}); empty when there is none
 */
record ReportedResult(String id, String displayName, Verdict verdict, String headline,
        List<MetricChange> metrics, List<FrameShift> frames, List<FrameShift> hottestPath, List<String> findings,
        String shapeChange, String shapeDiff, String environment, double confidence,
        Map<String, String> artifacts, String resultPath, String flameDiff) {

    /** A result without a flame-diff text. */
    public ReportedResult(String id, String displayName, Verdict verdict, String headline,
            List<MetricChange> metrics, List<FrameShift> frames, List<FrameShift> hottestPath, List<String> findings,
            String shapeChange, String shapeDiff, String environment, double confidence,
            Map<String, String> artifacts, String resultPath) {
        this(id, displayName, verdict, headline, metrics, frames, hottestPath, findings, shapeChange, shapeDiff, environment,
                confidence, artifacts, resultPath, "");
    }

    public ReportedResult {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
        Objects.requireNonNull(verdict, "verdict");
        headline = headline == null ? "" : headline;
        metrics = List.copyOf(metrics);
        frames = List.copyOf(frames);
        hottestPath = List.copyOf(hottestPath);
        findings = List.copyOf(findings);
        shapeChange = shapeChange == null || shapeChange.isBlank() ? "none" : shapeChange;
        shapeDiff = shapeDiff == null ? "" : shapeDiff;
        environment = environment == null ? "" : environment;
        artifacts = Collections.unmodifiableMap(new TreeMap<>(artifacts));
        Objects.requireNonNull(resultPath, "resultPath");
        flameDiff = flameDiff == null ? "" : flameDiff;
    }

    /** The metric called {@code name} (e.g. {@code cpu.time}), if it was compared. */
    public Optional<MetricChange> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * This result with every string that came from the workload or the test (names, headline, frames,
     * findings, shape diff, environment, paths) passed through {@code redactor}. Redacting a path
     * breaks its link, which is the right trade when a test name carries a secret.
     */
    public ReportedResult redacted(Redactor redactor) {
        return redacted(redactor::redact);
    }

    /** As {@link #redacted(Redactor)} with any redacting function (e.g. a memoising one). */
    public ReportedResult redacted(UnaryOperator<String> redact) {
        Map<String, String> redactedArtifacts = new TreeMap<>();
        artifacts.forEach((label, path) -> redactedArtifacts.put(redact.apply(label), redactPath(path, redact)));
        return new ReportedResult(redact.apply(id), redact.apply(displayName), verdict, redact.apply(headline), metrics,
                frames.stream().map(f -> f.redacted(redact)).toList(), hottestPath.stream().map(f -> f.redacted(redact)).toList(),
                findings.stream().map(redact).toList(), redact.apply(shapeChange), redact.apply(shapeDiff),
                redact.apply(environment), confidence, redactedArtifacts, redactPath(resultPath, redact),
                flameDiff.lines().map(redact).map(line -> line + "\n").collect(Collectors.joining()));
    }

    /** A path redacted segment by segment: no file name holds a {@code /}, and most segments repeat across results. */
    private static String redactPath(String path, UnaryOperator<String> redact) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = redact.apply(segments[i]);
        }
        return String.join("/", segments);
    }

    /**
     * Whether this result is a slowdown that nothing in its profiles or trace shows: {@code INCONCLUSIVE} by
     * the comparator's time-alone rule. Not a failure, but worth a line in the PR comment.
     */
    public boolean isUnexplainedSlowdown() {
        return verdict == Verdict.INCONCLUSIVE && headline.contains(Comparison.UNEXPLAINED);
    }

    /** Whether this result is a regression. */
    public boolean isRegression() {
        return verdict == Verdict.REGRESSION;
    }

    /**
     * One compared metric.
     *
     * @param name e.g. {@code cpu.time}, {@code alloc.bytes}, {@code score}
     * @param unit e.g. {@code ns/op}
     * @param status the comparison's conclusion for this metric
     * @param before baseline value (NaN when absent)
     * @param after this run's value (NaN when absent)
     * @param effect relative change after/before − 1 (NaN when unknown)
     * @param ciLow lower end of the effect's confidence interval (NaN when unknown)
     * @param ciHigh upper end of the effect's confidence interval (NaN when unknown)
     * @param ciLevel the interval's confidence level, e.g. 0.95 (NaN when unknown)
     * @param pValue two-sided p-value of the change (NaN when unknown)
     * @param gated whether this metric could decide the verdict; a metric that was not is shown only
     * @param notGatedReason why it was not gated, one short sentence (empty when gated)
     */
    public record MetricChange(String name, String unit, Status status, double before, double after, double effect,
            double ciLow, double ciHigh, double ciLevel, double pValue, boolean gated, String notGatedReason) {

        public MetricChange {
            Objects.requireNonNull(name, "name");
            unit = unit == null ? "" : unit;
            Objects.requireNonNull(status, "status");
            notGatedReason = gated || notGatedReason == null ? "" : notGatedReason;
        }

        /** A gated metric. */
        public MetricChange(String name, String unit, Status status, double before, double after, double effect,
                double ciLow, double ciHigh, double ciLevel, double pValue) {
            this(name, unit, status, before, after, effect, ciLow, ciHigh, ciLevel, pValue, true, "");
        }
    }

    /**
     * A frame's share of its profile before and after.
     *
     * @param event the profiled event, e.g. {@code cpu}
     * @param frame the frame name (untrusted text); for an attributed frame its leaf, with {@code (self)} or
     *     {@code (total)} in {@code event} saying which share changed
     * @param shareBefore share 0…1 in the baseline
     * @param shareAfter share 0…1 in this run
     */
    public record FrameShift(String event, String frame, double shareBefore, double shareAfter) {

        public FrameShift {
            event = event == null ? "" : event;
            Objects.requireNonNull(frame, "frame");
        }

        FrameShift redacted(UnaryOperator<String> redact) {
            return new FrameShift(event, redact.apply(frame), shareBefore, shareAfter);
        }
    }
}
