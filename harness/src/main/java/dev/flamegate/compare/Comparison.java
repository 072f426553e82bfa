package dev.flamegate.compare;

import dev.flamegate.baseline.RecordInstructions;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Metric;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The result of comparing one run of a test or benchmark with its baseline: the {@link Verdict} and its
 * evidence. Immutable; front ends render it as a console line ({@link #headline()}), a failure message
 * ({@link #describe()}), {@code result.json} ({@link ComparisonJson}), HTML and Markdown.
 */
public final class Comparison {

    private final String id;
    private final String displayName;
    private final Verdict verdict;
    private final List<MetricChange> metrics;
    private final List<FrameChange> frames;
    private final List<Finding> findings;
    private final String shapeDiff;
    private final boolean shapeChanged;
    private final List<String> environmentMismatches;
    private final Environment environment;
    private final Environment baselineEnvironment;
    private final List<String> notes;
    private final Map<String, String> artifacts;

    private Comparison(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.displayName = Objects.requireNonNull(b.displayName, "displayName");
        this.verdict = Objects.requireNonNull(b.verdict, "verdict");
        this.metrics = List.copyOf(b.metrics);
        this.frames = List.copyOf(b.frames);
        this.findings = List.copyOf(b.findings);
        this.shapeDiff = Objects.requireNonNull(b.shapeDiff, "shapeDiff");
        this.shapeChanged = b.shapeChanged;
        this.environmentMismatches = List.copyOf(b.environmentMismatches);
        this.environment = Objects.requireNonNull(b.environment, "environment");
        this.baselineEnvironment = b.baselineEnvironment;
        this.notes = List.copyOf(b.notes);
        this.artifacts = Collections.unmodifiableMap(new TreeMap<>(b.artifacts));
    }

    /**
     * The result of a test or benchmark that threw before it could be compared: verdict {@link Verdict#ERROR}, the
     * exception's class and message as its note, so the run report lists it instead of losing it.
     */
    public static Comparison error(String id, String displayName, Environment environment, Throwable thrown) {
        String message = thrown.getMessage() == null || thrown.getMessage().isBlank() ? "" : ": " + thrown.getMessage();
        return builder(id, displayName, environment).verdict(Verdict.ERROR)
                .note("threw " + thrown.getClass().getName() + message).build();
    }

    public static Builder builder(String id, String displayName, Environment environment) {
        return new Builder(id, displayName, environment);
    }

    /** A builder holding everything this comparison holds. */
    public Builder toBuilder() {
        Builder b = new Builder(id, displayName, environment).verdict(verdict).shapeDiff(shapeDiff, shapeChanged)
                .baselineEnvironment(baselineEnvironment).artifacts(artifacts);
        metrics.forEach(b::metric);
        frames.forEach(b::frame);
        findings.forEach(b::finding);
        environmentMismatches.forEach(b::environmentMismatch);
        notes.forEach(b::note);
        return b;
    }

    /** This comparison with the artifact paths (relative to the result file's directory) front ends wrote, e.g. {@code "cpu.diff.html"}. */
    public Comparison withArtifacts(Map<String, String> newArtifacts) {
        return toBuilder().artifacts(newArtifacts).build();
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Every compared metric, gated ones first. */
    public List<MetricChange> metrics() {
        return metrics;
    }

    /** The metric named {@code name}. */
    public Optional<MetricChange> metric(String name) {
        return metrics.stream().filter(m -> m.metric().name().equals(name)).findFirst();
    }

    /** The attributed frames: the leading profile's first, then paths through the application's code ({@link FrameOrigin}), widest change first. */
    public List<FrameChange> frames() {
        return frames;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The readable trace-shape diff, empty when the shape did not change or was not captured. */
    public String shapeDiff() {
        return shapeDiff;
    }

    /** Whether the trace shape differs from the baseline's. */
    public boolean shapeChanged() {
        return shapeChanged;
    }

    /** Differences between this run's and the baseline's environment, as phrases ("now vs baseline"). */
    public List<String> environmentMismatches() {
        return environmentMismatches;
    }

    /** This run's environment. */
    public Environment environment() {
        return environment;
    }

    /** The baseline's environment, when there was a baseline. */
    public Optional<Environment> baselineEnvironment() {
        return Optional.ofNullable(baselineEnvironment);
    }

    /** Remarks on what could not be compared and why. */
    public List<String> notes() {
        return notes;
    }

    /** Artifact kind → path relative to the directory of {@code result.json}. */
    public Map<String, String> artifacts() {
        return artifacts;
    }

    /**
     * One line for the console, e.g. {@code REGRESSION PricingTest.quotes: cpu.time +23.4% [+15.1%, +32.2%]
     * p=0.0004; top frame Pricing.parse self 12.0% → 31.0%}.
     */
    public String headline() {
        StringBuilder line = new StringBuilder(verdict.name()).append(" ").append(Texts.oneLine(displayName)).append(": ");
        List<String> parts = new ArrayList<>();
        switch (verdict) {
            case NO_BASELINE -> parts.add("no baseline recorded");
            case ERROR -> parts.add(notes.isEmpty() ? "threw before it could be compared" : Texts.oneLine(notes.get(0)));
            case ENVIRONMENT_MISMATCH -> parts.add("environment differs from the baseline (" + String.join(", ", environmentMismatches) + ")");
            default -> {
            }
        }
        Optional<MetricChange> lead = leadingMetric();
        boolean shapeFirst = shapeChanged && verdict == Verdict.REGRESSION
                && lead.map(m -> m.status() != MetricChange.Status.REGRESSED).orElse(true);
        // An N+1 is named by its query: the frames of a repeated query are the database driver's, not the cause.
        String shape = findings.stream().filter(f -> f.kind() == Finding.Kind.REPEATED_CALL).findFirst()
                .map(Finding::summary).orElse("trace shape changed");
        if (shapeFirst) {
            parts.add(shape);
        }
        if (verdict == Verdict.INCONCLUSIVE && lead.isPresent() && unexplained(lead.get())) {
            parts.add(Texts.metricSummary(lead.get()) + "; " + UNEXPLAINED + ", so not a regression on its own (see the notes)");
        } else if (verdict == Verdict.INCONCLUSIVE && lead.isPresent() && Double.isNaN(lead.get().ciLower())) {
            parts.add("too few rounds to tell the change of " + lead.get().metric().name() + " ("
                    + Texts.signedPercent(lead.get().relativeChange()) + " without an interval)");
        } else if (verdict == Verdict.INCONCLUSIVE && lead.isPresent()) {
            // What could be told is worth saying: on a noisy runner the counts often resolve where times cannot.
            List<String> unchanged = metrics.stream().filter(m -> m.gated() && m.status() == MetricChange.Status.UNCHANGED)
                    .map(m -> m.metric().name()).toList();
            parts.add("too noisy to tell, smallest detectable change " + Texts.percent(lead.get().smallestDetectable())
                    + " of " + lead.get().metric().name() + (unchanged.isEmpty() ? "" : "; unchanged: " + String.join(", ", unchanged)));
        } else if (lead.isPresent() && verdict != Verdict.NO_BASELINE) {
            parts.add(Texts.metricSummary(lead.get()));
        }
        if (shapeChanged && !shapeFirst) {
            parts.add(shape);
        }
        if (!frames.isEmpty() && (verdict == Verdict.REGRESSION || verdict == Verdict.IMPROVEMENT)) {
            FrameChange top = frames.get(0);
            parts.add("top frame " + Texts.oneLine(top.site()) + " " + top.basis().name().toLowerCase(Locale.ROOT) + " "
                    + Texts.share(top.basis() == FrameChange.Basis.SELF ? top.selfBefore() : top.totalBefore()) + " → "
                    + Texts.share(top.basis() == FrameChange.Basis.SELF ? top.selfAfter() : top.totalAfter()));
        }
        if (parts.isEmpty()) {
            parts.add("no metrics compared");
        }
        return line.append(String.join("; ", parts)).toString();
    }

    /**
     * The gated metric that best explains the verdict, the one {@link #headline()} names: the first that
     * regressed (improved) for {@code REGRESSION} ({@code IMPROVEMENT}), otherwise the primary one (JMH
     * score, else CPU time, else wall time, ...); empty when no metric is gated.
     */
    public Optional<MetricChange> leadingMetric() {
        List<MetricChange> gated = metrics.stream().filter(MetricChange::gated).toList();
        MetricChange.Status wanted = switch (verdict) {
            case REGRESSION -> MetricChange.Status.REGRESSED;
            case IMPROVEMENT -> MetricChange.Status.IMPROVED;
            case INCONCLUSIVE -> MetricChange.Status.UNCERTAIN;
            default -> null;
        };
        if (verdict == Verdict.INCONCLUSIVE) {
            return gated.stream().filter(Comparison::unexplained).findFirst().or(() -> BaselineComparator.primary(gated));
        }
        return gated.stream().filter(m -> m.status() == wanted).findFirst()
                .or(() -> BaselineComparator.primary(gated));
    }

    /**
     * What the headline of an {@code INCONCLUSIVE} comparison says when a time total grew with nothing in
     * the run to show where (the comparator's time-alone rule); reports find such results by it.
     */
    public static final String UNEXPLAINED = "nothing in the profiles or the trace shows where";

    /**
     * Whether {@code m} was left uncertain although its interval lies wholly on the worse side: a time total
     * that grew with nothing else to show where (the comparator's time-alone rule).
     */
    private static boolean unexplained(MetricChange m) {
        if (m.status() != MetricChange.Status.UNCERTAIN || Double.isNaN(m.ciLower())) {
            return false;
        }
        return m.metric().better() == Metric.Better.LOWER ? m.ciLower() > 0 : m.ciUpper() < 0;
    }

    /**
     * A multi-line message a person can act on: what changed, by how much, with what confidence, the
     * frames that explain it, findings, the trace-shape diff, environment differences and artifacts.
     */
    public String describe() {
        return describe(RecordInstructions.MODE_PROPERTY);
    }

    /** As {@link #describe()}, telling how to record a baseline as the front end's {@code instructions} say. */
    public String describe(RecordInstructions instructions) {
        return Texts.describe(this, instructions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Comparison c && id.equals(c.id) && displayName.equals(c.displayName) && verdict == c.verdict
                && metrics.equals(c.metrics) && frames.equals(c.frames) && findings.equals(c.findings)
                && shapeDiff.equals(c.shapeDiff) && shapeChanged == c.shapeChanged
                && environmentMismatches.equals(c.environmentMismatches) && environment.equals(c.environment)
                && Objects.equals(baselineEnvironment, c.baselineEnvironment) && notes.equals(c.notes)
                && artifacts.equals(c.artifacts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, verdict, metrics, frames, findings, shapeDiff);
    }

    @Override
    public String toString() {
        return headline();
    }

    /** Mutable builder of a {@link Comparison}. */
    public static final class Builder {
        private final String id;
        private final String displayName;
        private final Environment environment;
        private Verdict verdict = Verdict.PASS;
        private final List<MetricChange> metrics = new ArrayList<>();
        private final List<FrameChange> frames = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private String shapeDiff = "";
        private boolean shapeChanged;
        private final List<String> environmentMismatches = new ArrayList<>();
        private Environment baselineEnvironment;
        private final List<String> notes = new ArrayList<>();
        private final Map<String, String> artifacts = new TreeMap<>();

        private Builder(String id, String displayName, Environment environment) {
            this.id = id;
            this.displayName = displayName;
            this.environment = environment;
        }

        public Builder verdict(Verdict value) {
            this.verdict = value;
            return this;
        }

        public Builder metric(MetricChange change) {
            metrics.add(change);
            return this;
        }

        public Builder frame(FrameChange change) {
            frames.add(change);
            return this;
        }

        public Builder finding(Finding finding) {
            findings.add(finding);
            return this;
        }

        public Builder shapeDiff(String diffText, boolean changed) {
            this.shapeDiff = diffText;
            this.shapeChanged = changed;
            return this;
        }

        public Builder environmentMismatch(String mismatch) {
            environmentMismatches.add(mismatch);
            return this;
        }

        public Builder baselineEnvironment(Environment value) {
            this.baselineEnvironment = value;
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder artifacts(Map<String, String> values) {
            artifacts.clear();
            artifacts.putAll(values);
            return this;
        }

        public Comparison build() {
            return new Comparison(this);
        }
    }
}
