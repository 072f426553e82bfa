package dev.flamegate.flame;

import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A differential flame graph as a few lines of plain text, for places that show no HTML (a pull-request
 * comment, a console): the call paths whose share changed, as an indented tree from the root to the hot
 * frames, each line with the frame's share of its profile before → after and the change, widest change
 * first.
 *
 * <pre>{@code
 * all  100.0% → 100.0%
 * └─ java.lang.Thread.run → … (9 frames on the way)
 *    com.acme.PricingService.quote  40.0% → 62.0%  +22.0 pp
 *    ├─ com.acme.TaxTable.lookup  2.1% → 26.2%  +24.1 pp
 *    │  └─ java.util.regex.Pattern.compile  2.0% → 25.9%  +23.9 pp  (self 2.0% → 25.9%)
 *    └─ com.acme.OrderRepository.findItems  30.0% → 28.0%  -2.0 pp
 * }</pre>
 *
 * <p>Which lines: best first from the root, always showing next the callee with the widest change of a total
 * share at or below it, until {@code maxLines} frames are shown or no callee changed
 * by {@code minChange}. A frame whose only changed callee carries its change and that changed nothing
 * itself (a caller on the way) is folded into a "… (N frames on the way)" line, so a deep stack still reaches its hot
 * frames within the line budget. Shares are of each profile's own total, so runs with different sample
 * counts compare. The text is plain: callers escape it for where it goes.
 */
public final class FlameDiffText {

    /** Lines shown by default: a comment stays readable. */
    public static final int DEFAULT_MAX_LINES = 15;
    /** Changes below half a percentage point of the profile are noise at usual sample counts. */
    public static final double DEFAULT_MIN_CHANGE = 0.005;

    private static final int MAX_NAME = 120;

    private final int maxLines;
    private final double minChange;

    private FlameDiffText(int maxLines, double minChange) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1, was " + maxLines);
        }
        if (!(minChange > 0 && minChange < 1)) {
            throw new IllegalArgumentException("minChange must be a share between 0 and 1, was " + minChange);
        }
        this.maxLines = maxLines;
        this.minChange = minChange;
    }

    /** {@value #DEFAULT_MAX_LINES} lines, changes of at least half a percentage point. */
    public static FlameDiffText defaults() {
        return new FlameDiffText(DEFAULT_MAX_LINES, DEFAULT_MIN_CHANGE);
    }

    /** At most {@code maxLines} frame lines; frames whose total share changed by less than {@code minChange} are left out. */
    public static FlameDiffText of(int maxLines, double minChange) {
        return new FlameDiffText(maxLines, minChange);
    }

    /** The text of {@code before} → {@code after}; empty when no call path changed by {@code minChange}. */
    public String render(Profile before, Profile after) {
        // A frame narrower than minChange in both profiles cannot have changed by minChange: leave it out while building.
        return render(FlameDiff.pruned(before, after, minChange));
    }

    /** The text of {@code diff}; empty when no call path changed by {@code minChange}. */
    public String render(FlameDiff diff) {
        Map<FlameDiff.Node, Double> widest = new HashMap<>();
        widestChange(diff.root(), widest);
        Comparator<FlameDiff.Node> widestFirst = Comparator.comparingDouble((FlameDiff.Node n) -> -widest.get(n))
                .thenComparing(FlameDiff.Node::name);
        Set<FlameDiff.Node> shown = select(diff, widest, widestFirst);
        if (shown.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(line(diff.root())).append('\n');
        renderCallees(diff.root(), shown, widestFirst, "", out);
        return out.toString();
    }

    /**
     * The widest change of a total share at or below each node. Ranking by it leads to the hot frame through
     * callers whose own share moved less (or not at all, when work only shifted between their callees).
     */
    private static double widestChange(FlameDiff.Node node, Map<FlameDiff.Node, Double> widest) {
        double max = node.depth() == 0 ? 0 : Math.abs(node.deltaShare());
        for (FlameDiff.Node callee : node.children()) {
            max = Math.max(max, widestChange(callee, widest));
        }
        widest.put(node, max);
        return max;
    }

    /** Best-first: the frames with the widest change, each reachable from the root through shown frames. */
    private Set<FlameDiff.Node> select(FlameDiff diff, Map<FlameDiff.Node, Double> widest, Comparator<FlameDiff.Node> widestFirst) {
        Set<FlameDiff.Node> shown = new HashSet<>();
        PriorityQueue<FlameDiff.Node> candidates = new PriorityQueue<>(widestFirst);
        addChanged(diff.root(), candidates, widest);
        int lines = 0;
        while (!candidates.isEmpty() && lines < maxLines) {
            FlameDiff.Node node = candidates.poll();
            // A caller on the way costs no line: follow it down to where the change splits or stops.
            FlameDiff.Node end = node;
            shown.add(end);
            int chain = 1;
            for (FlameDiff.Node next = onlyChangedCallee(end, widest); next != null && passesThrough(end, next);
                    next = onlyChangedCallee(end, widest)) {
                end = next;
                shown.add(end);
                chain++;
            }
            // As rendered: a frame is one line; a chain is its first frame (or the folded line) and its last.
            lines += Math.min(chain, 2);
            addChanged(end, candidates, widest);
        }
        return shown;
    }

    private void addChanged(FlameDiff.Node node, PriorityQueue<FlameDiff.Node> candidates, Map<FlameDiff.Node, Double> widest) {
        for (FlameDiff.Node callee : node.children()) {
            if (widest.get(callee) >= minChange) {
                candidates.add(callee);
            }
        }
    }

    /** The one callee with a change of {@code minChange} at or below it, or {@code null} when none or several have one. */
    private FlameDiff.Node onlyChangedCallee(FlameDiff.Node node, Map<FlameDiff.Node, Double> widest) {
        FlameDiff.Node found = null;
        for (FlameDiff.Node callee : node.children()) {
            if (widest.get(callee) >= minChange) {
                if (found != null) {
                    return null;
                }
                found = callee;
            }
        }
        return found;
    }

    /** Whether {@code node} only passes its change on to {@code callee}: its own self share did not change. */
    private boolean passesThrough(FlameDiff.Node node, FlameDiff.Node callee) {
        return Math.abs(selfDelta(node)) < minChange && Math.abs(callee.deltaShare() - node.deltaShare()) < minChange;
    }

    private void renderCallees(FlameDiff.Node node, Set<FlameDiff.Node> shown, Comparator<FlameDiff.Node> widestFirst, String indent,
            StringBuilder out) {
        List<FlameDiff.Node> callees = new ArrayList<>();
        for (FlameDiff.Node callee : node.children()) {
            if (shown.contains(callee)) {
                callees.add(callee);
            }
        }
        callees.sort(widestFirst);
        for (int i = 0; i < callees.size(); i++) {
            boolean last = i == callees.size() - 1;
            FlameDiff.Node start = callees.get(i);
            // Fold the callers on the way: the line names the first and shows the last, where the change splits.
            List<FlameDiff.Node> chain = new ArrayList<>();
            chain.add(start);
            FlameDiff.Node end = start;
            for (FlameDiff.Node next = onlyShownCallee(end, shown); next != null && passesThrough(end, next);
                    next = onlyShownCallee(end, shown)) {
                end = next;
                chain.add(end);
            }
            String branch = last ? "└─ " : "├─ ";
            String below = indent + (last ? "   " : "│  ");
            if (chain.size() > 2) {
                out.append(indent).append(branch).append(name(start.name())).append(" → … (").append(chain.size() - 1)
                        .append(" frames on the way)").append('\n');
                out.append(below).append(line(end)).append('\n');
            } else if (chain.size() == 2) {
                out.append(indent).append(branch).append(line(start)).append('\n');
                out.append(below).append("└─ ").append(line(end)).append('\n');
                renderCallees(end, shown, widestFirst, below + "   ", out);
                continue;
            } else {
                out.append(indent).append(branch).append(line(end)).append('\n');
            }
            renderCallees(end, shown, widestFirst, below, out);
        }
    }

    private static FlameDiff.Node onlyShownCallee(FlameDiff.Node node, Set<FlameDiff.Node> shown) {
        FlameDiff.Node found = null;
        for (FlameDiff.Node callee : node.children()) {
            if (shown.contains(callee)) {
                if (found != null) {
                    return null;
                }
                found = callee;
            }
        }
        return found;
    }

    private String line(FlameDiff.Node node) {
        StringBuilder line = new StringBuilder(name(node.name())).append("  ")
                .append(percent(node.beforeShare())).append(" → ").append(percent(node.afterShare()));
        if (node.depth() > 0) {
            line.append("  ").append(points(node.deltaShare()));
            if (Math.abs(selfDelta(node)) >= minChange) {
                line.append("  (self ").append(percent(selfShare(node.selfBefore(), node, true))).append(" → ")
                        .append(percent(selfShare(node.selfAfter(), node, false))).append(')');
            }
        }
        return line.toString();
    }

    private static double selfDelta(FlameDiff.Node node) {
        return selfShare(node.selfAfter(), node, false) - selfShare(node.selfBefore(), node, true);
    }

    /** A self weight as a share of its profile's total, derived from the node's own total and share. */
    private static double selfShare(long self, FlameDiff.Node node, boolean before) {
        long total = before ? node.before() : node.after();
        double share = before ? node.beforeShare() : node.afterShare();
        return total == 0 ? 0 : share * self / total;
    }

    /** Names are cut from the front: the method at the end says more than the package at the start. */
    private static String name(String raw) {
        String oneLine = raw.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
        return oneLine.length() <= MAX_NAME ? oneLine : "…" + oneLine.substring(oneLine.length() - MAX_NAME + 1);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String points(double delta) {
        return String.format(Locale.ROOT, "%+.1f pp", delta * 100);
    }
}
