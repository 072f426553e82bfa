package dev.flamegate.compare;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.FrameSeries;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import dev.flamegate.stats.RobustStatistics;
import dev.flamegate.stats.YuenTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Observations beyond single frames:
 * <ul>
 *   <li>{@link Finding.Kind#GC_PRESSURE}: the share of GC and VM-thread stacks in the CPU (or wall)
 *       profile grew by at least the minimum share change, significantly; or allocation per invocation
 *       ({@code alloc.bytes}) regressed;</li>
 *   <li>{@link Finding.Kind#DEEPER_RECURSION}: the median over this run's rounds of a frame's maximum
 *       recursion depth exceeds its maximum over all baseline rounds;</li>
 *   <li>{@link Finding.Kind#NEW_HOT_FRAME}: a call path not kept in the baseline (below the prune share in
 *       every round) now has a total share of at least {@linkplain CompareSettings#newHotShare() the new-hot
 *       share}; only the outermost such path is named.</li>
 * </ul>
 */
final class Findings {

    private Findings() {
    }

    static List<Finding> find(Baseline before, Baseline after, List<MetricChange> metrics, CompareSettings settings) {
        List<Finding> findings = new ArrayList<>();
        gcPressure(before, after, settings, findings);
        metrics.stream().filter(m -> m.metric().name().equals(Metric.ALLOCATED_BYTES.name())
                && m.status() == MetricChange.Status.REGRESSED).findFirst().ifPresent(m -> findings.add(new Finding(
                        Finding.Kind.GC_PRESSURE, m.metric().name(), "allocation per invocation", m.before(), m.after(),
                        String.format(Locale.ROOT, "allocation per invocation grew %s (%s → %s %s, CI %s to %s)",
                                Texts.signedPercent(m.relativeChange()), Texts.number(m.before()), Texts.number(m.after()),
                                m.metric().unit(), Texts.signedPercent(m.ciLower()), Texts.signedPercent(m.ciUpper())))));
        deeperRecursion(before, after, findings);
        newHotFrames(before, after, settings, findings);
        return findings;
    }

    private static void gcPressure(Baseline before, Baseline after, CompareSettings settings, List<Finding> findings) {
        for (Event event : new Event[] {Event.CPU, Event.WALL}) {
            ProfileSummary b = before.profiles().get(event);
            ProfileSummary a = after.profiles().get(event);
            if (a == null || b == null) {
                continue;
            }
            double shareBefore = RobustStatistics.trimmedMean(b.gcShare());
            double shareAfter = RobustStatistics.trimmedMean(a.gcShare());
            if (shareAfter - shareBefore < settings.minShareChange()) {
                continue;
            }
            double floor = settings.noiseFloor() * Math.max(shareBefore, shareAfter);
            if (YuenTest.absolute(b.gcShare(), a.gcShare(), floor, settings.confidence()).significantlyAbove()) {
                findings.add(new Finding(Finding.Kind.GC_PRESSURE, event.id(), "GC/VM threads", shareBefore, shareAfter,
                        "GC and VM threads' share of " + event.id() + " samples grew from " + Texts.share(shareBefore) + " to "
                                + Texts.share(shareAfter)));
            }
        }
    }

    private static void deeperRecursion(Baseline before, Baseline after, List<Finding> findings) {
        Set<String> reported = new HashSet<>();
        for (Map.Entry<Event, ProfileSummary> entry : after.profiles().entrySet()) {
            ProfileSummary b = before.profiles().get(entry.getKey());
            if (b == null) {
                continue;
            }
            entry.getValue().recursionDepth().forEach((frame, depths) -> {
                double median = RobustStatistics.median(toDoubles(depths));
                int[] beforeDepths = b.recursionDepth().get(frame);
                int maxBefore = 1;
                if (beforeDepths != null) {
                    for (int d : beforeDepths) {
                        maxBefore = Math.max(maxBefore, d);
                    }
                }
                if (median >= 2 && median > maxBefore && reported.add(frame)) {
                    findings.add(new Finding(Finding.Kind.DEEPER_RECURSION, entry.getKey().id(), frame, maxBefore, median,
                            String.format(Locale.ROOT, "%s recurses %s deep (median over rounds), at most %d in the baseline",
                                    Texts.oneLine(frame), Texts.number(median), maxBefore)));
                }
            });
        }
    }

    private static void newHotFrames(Baseline before, Baseline after, CompareSettings settings, List<Finding> findings) {
        for (Map.Entry<Event, ProfileSummary> entry : after.profiles().entrySet()) {
            ProfileSummary b = before.profiles().get(entry.getKey());
            if (b == null) {
                continue;
            }
            Set<String> reported = new HashSet<>();
            List<Finding> found = new ArrayList<>();
            for (FrameSeries kept : entry.getValue().frames()) {
                if (RobustStatistics.trimmedMean(kept.total()) < settings.newHotShare() || b.contains(kept.path())) {
                    continue;
                }
                String path = outermostNew(kept.path(), b);
                FrameSeries frame = entry.getValue().series(path);
                double share = RobustStatistics.trimmedMean(frame.total());
                String parent = frame.parentPath();
                if (reported.add(path)) {
                    found.add(new Finding(Finding.Kind.NEW_HOT_FRAME, entry.getKey().id(), frame.path(), 0, share,
                            String.format(Locale.ROOT, "%s is new and takes %s of %s (called from %s)",
                                    Texts.oneLine(frame.leaf()), Texts.share(share), entry.getKey().id(),
                                    parent.isEmpty() ? "the thread root" : Texts.oneLine(leaf(parent)))));
                }
            }
            // New work in the application's own code first; a new JIT or GC frame is rarely what to fix.
            found.sort(Comparator.comparingInt(f -> FrameOrigin.rank(f.subject())));
            findings.addAll(found);
        }
    }

    /** The shortest prefix of {@code path} that the baseline never saw. */
    private static String outermostNew(String path, ProfileSummary baseline) {
        int cut = path.indexOf(';');
        while (cut > 0) {
            String prefix = path.substring(0, cut);
            if (!baseline.contains(prefix)) {
                return prefix;
            }
            cut = path.indexOf(';', cut + 1);
        }
        return path;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf(';') + 1);
    }

    private static double[] toDoubles(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
