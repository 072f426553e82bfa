package dev.flamegate.report;

import dev.flamegate.artifacts.ArtifactWriter;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.ComparisonJson;
import dev.flamegate.compare.Finding;
import dev.flamegate.compare.FrameChange;
import dev.flamegate.compare.MetricChange;
import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Environment;
import dev.flamegate.report.ReportedResult.FrameShift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The standard {@link ResultReader}: reads {@code result.json} with {@link ComparisonJson} and takes
 * what the report shows from the {@link Comparison}.
 */
final class ComparisonResultReader implements ResultReader {

    private static final ComparisonResultReader INSTANCE = new ComparisonResultReader();

    private ComparisonResultReader() {
    }

    public static ComparisonResultReader get() {
        return INSTANCE;
    }

    @Override
    public ReportedResult read(Path resultFile, Path outputDirectory) {
        return toReported(ComparisonJson.read(resultFile), resultFile, outputDirectory);
    }

    /** The report's view of {@code comparison}, read from {@code resultFile}. */
    static ReportedResult toReported(Comparison comparison, Path resultFile, Path outputDirectory) {
        Path resultDirectory = resultFile.toAbsolutePath().normalize().getParent();
        Map<String, String> artifacts = new TreeMap<>();
        comparison.artifacts().forEach((kind, path) ->
                artifacts.put(kind, RunReport.relativePath(outputDirectory, resultDirectory.resolve(path))));
        List<ReportedResult.MetricChange> metrics = comparison.metrics().stream()
                .map(m -> new ReportedResult.MetricChange(m.metric().name(), m.metric().unit(), m.status(), m.before(),
                        m.after(), m.relativeChange(), m.ciLower(), m.ciUpper(), m.confidence(), m.pValue(), m.gated(),
                        notGatedReason(comparison, m)))
                .toList();
        List<FrameShift> frames = comparison.frames().stream().map(ComparisonResultReader::shift).toList();
        List<String> findings = new ArrayList<>();
        comparison.findings().stream().map(Finding::summary).forEach(findings::add);
        comparison.environmentMismatches().forEach(m -> findings.add("Environment differs (now vs baseline): " + m));
        comparison.notes().forEach(n -> findings.add("Note: " + n));
        return new ReportedResult(comparison.id(), comparison.displayName(), comparison.verdict(), comparison.headline(),
                metrics, frames, hottestPath(comparison.frames()), findings, shapeChange(comparison), comparison.shapeDiff(),
                environment(comparison.environment()), decidingConfidence(comparison), artifacts,
                RunReport.relativePath(outputDirectory, resultFile), flameDiffText(comparison, resultDirectory));
    }

    /** Largest flame-diff text read: the renderer keeps it to about fifteen lines. */
    private static final long MAX_FLAME_TEXT = 16 * 1024;

    /**
     * The flame-diff text of the profile that explains the verdict (the first attributed frame's event, else
     * CPU, wall, allocation, lock in that order); empty when the front end wrote none or it cannot be read,
     * which only costs the comment its picture.
     */
    private static String flameDiffText(Comparison comparison, Path resultDirectory) {
        List<String> events = new ArrayList<>();
        comparison.frames().stream().findFirst().ifPresent(f -> events.add(f.event().id()));
        events.addAll(List.of("cpu", "wall", "alloc", "lock"));
        for (String event : events) {
            String file = comparison.artifacts().get(event + ArtifactWriter.DIFF_TEXT);
            if (file == null) {
                continue;
            }
            Path path = resultDirectory.resolve(file).normalize();
            try {
                if (path.startsWith(resultDirectory) && Files.size(path) <= MAX_FLAME_TEXT) {
                    return Files.readString(path);
                }
            } catch (IOException | RuntimeException e) {
                return "";
            }
            return "";
        }
        return "";
    }

    private static FrameShift shift(FrameChange frame) {
        return shift(frame, frame.site());
    }

    private static FrameShift shift(FrameChange frame, String name) {
        boolean self = frame.basis() == FrameChange.Basis.SELF;
        return new FrameShift(frame.event().id() + (self ? " (self)" : " (total)"), name,
                self ? frame.selfBefore() : frame.totalBefore(), self ? frame.selfAfter() : frame.totalAfter());
    }

    /** The call path of the attributed frame that changed most, root first; the leaf carries its shares. */
    private static List<FrameShift> hottestPath(List<FrameChange> frames) {
        Optional<FrameChange> hottest = frames.stream()
                .filter(f -> Double.isFinite(f.shareDelta()))
                .max(Comparator.comparingDouble((FrameChange f) -> Math.abs(f.shareDelta())).thenComparing(FrameChange::frame));
        if (hottest.isEmpty()) {
            return List.of();
        }
        String[] names = hottest.get().frame().split(";");
        List<FrameShift> path = new ArrayList<>(names.length);
        for (int i = 0; i < names.length - 1; i++) {
            path.add(new FrameShift(hottest.get().event().id(), names[i], Double.NaN, Double.NaN));
        }
        path.add(shift(hottest.get(), hottest.get().leaf()));
        return path;
    }

    private static String shapeChange(Comparison comparison) {
        if (!comparison.shapeChanged()) {
            return "none";
        }
        // A repeated query is the change people fix: name it rather than the first changed line.
        Optional<Finding> repeated = comparison.findings().stream().filter(f -> f.kind() == Finding.Kind.REPEATED_CALL).findFirst();
        if (repeated.isPresent()) {
            String query = repeated.get().subject();
            query = query.length() > 60 ? query.substring(0, 59) + "…" : query;
            return "N+1: " + query + " ×" + Math.round(repeated.get().after());
        }
        List<String> changed = comparison.shapeDiff().lines()
                .map(line -> line.strip().replaceAll("\\s+", " "))
                .filter(line -> line.startsWith("+") || line.startsWith("-") || line.startsWith("~") || line.contains("→"))
                .toList();
        if (changed.isEmpty()) {
            return "changed";
        }
        String first = changed.get(0);
        first = first.length() > 60 ? first.substring(0, 59) + "…" : first;
        return changed.size() == 1 ? first : first + " (+" + (changed.size() - 1) + " more)";
    }

    /**
     * Why {@code m} did not decide the verdict, in a sentence that is the same for every result with the same
     * cause (so a report can say it once); empty when it was gated. The comparator says why in its notes.
     */
    static String notGatedReason(Comparison comparison, MetricChange m) {
        if (m.gated()) {
            return "";
        }
        String name = m.metric().name();
        boolean time = TIME_TOTALS.contains(name) || name.equals("score") || name.equals(PROCESS_CPU_TIME);
        if (time && comparison.notes().stream().anyMatch(n -> n.contains("calibration work"))) {
            return "this runner's speed differs from the baseline machine's by more than 1.5 ×, so times measure the machine as much"
                    + " as the code; re-record the baselines on this kind of runner to gate time";
        }
        if (name.equals("cpu.time") && comparison.notes().stream().anyMatch(n -> n.contains("ran mostly on other threads"))) {
            return "the work ran mostly on other threads and cpu.time counts the calling thread only";
        }
        if (name.equals(PROCESS_CPU_TIME)) {
            return "process CPU time also counts JIT compiler and GC threads, which work on their own schedule";
        }
        if (name.startsWith(Baseline.PROFILE_METRIC_PREFIX)) {
            return "profile totals only decide when nothing was measured directly";
        }
        return "shown for information only";
    }

    private static final Set<String> TIME_TOTALS = Set.of("cpu.time", "wall.time");
    private static final String PROCESS_CPU_TIME = "process.cpu.time";

    /** 1 − p of the gated metric that best explains the verdict, as the comparison's headline picks it. */
    private static double decidingConfidence(Comparison comparison) {
        Optional<MetricChange> lead = comparison.leadingMetric();
        if (comparison.verdict() == Verdict.NO_BASELINE || lead.isEmpty() || !Double.isFinite(lead.get().pValue())) {
            return Double.NaN;
        }
        return 1 - lead.get().pValue();
    }

    private static String environment(Environment e) {
        return String.format(Locale.ROOT, "%s %s, %s %s, %d cores, %s, flamegate %s", e.jdkVendor(), e.jdkVersion(), e.os(), e.arch(),
                e.cores(), e.profilerEngine(), e.flamegateVersion())
                + (e.calibrationNanos() > 0 ? String.format(Locale.ROOT, ", calibration %.0f µs", e.calibrationNanos() / 1e3) : "");
    }
}
