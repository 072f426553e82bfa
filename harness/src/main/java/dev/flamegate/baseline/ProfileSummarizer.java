package dev.flamegate.baseline;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.FrameStats;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@link ProfileSummary}s. All rounds go into one call tree whose nodes hold per-round weights;
 * path strings are made only for the nodes that are kept, so memory grows with the number of distinct
 * call-tree nodes, not with stacks times depth squared.
 */
final class ProfileSummarizer {

    private static final int MAX_RECURSIVE_FRAMES = 50;

    /** Shares are stored to six decimals: rounded to whole multiples of {@code 1 / SHARE_SCALE}. */
    static final double SHARE_SCALE = 1e6;

    /** A call-tree node: per-round total (inclusive) and self weights. Compact and mutable while building. */
    private static final class Node {
        final String name;
        final Node parent;
        final long[] total;
        final long[] self;
        Map<String, Node> children;

        Node(String name, Node parent, int rounds) {
            this.name = name;
            this.parent = parent;
            this.total = new long[rounds];
            this.self = new long[rounds];
        }

        Node child(String frame, int rounds) {
            if (children == null) {
                children = new HashMap<>(4);
            }
            return children.computeIfAbsent(frame, f -> new Node(f, this, rounds));
        }

        int childCount() {
            return children == null ? 0 : children.size();
        }

        boolean hasSelf() {
            for (long s : self) {
                if (s > 0) {
                    return true;
                }
            }
            return false;
        }

        long mergedTotal() {
            long sum = 0;
            for (long t : total) {
                sum += t;
            }
            return sum;
        }

        String path() {
            Deque<String> names = new ArrayDeque<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                names.addFirst(n.name);
            }
            return String.join(";", names);
        }
    }

    private ProfileSummarizer() {
    }

    static ProfileSummary summarise(Event event, List<Profile> rounds, BaselineOptions options) {
        int n = rounds.size();
        Node root = new Node("", null, n);
        long[] roundTotals = new long[n];
        double[] gcShare = new double[n];
        Map<String, int[]> recursion = new TreeMap<>();
        Profile.Builder merged = null;
        long mergedTotal = 0;
        for (int r = 0; r < n; r++) {
            Profile profile = rounds.get(r);
            if (profile == null) {
                continue;
            }
            if (merged == null) {
                merged = Profile.builder(event, profile.unit()).metadata(profile.metadata());
            }
            long gc = 0;
            for (Stack stack : profile.stacks()) {
                Node node = root;
                for (String frame : stack.frames()) {
                    node = node.child(frame, n);
                    node.total[r] += stack.weight();
                }
                node.self[r] += stack.weight();
                if (VmFrames.isGcOrVm(stack)) {
                    gc += stack.weight();
                }
                merged.add(stack.frames(), stack.weight());
            }
            roundTotals[r] = profile.total();
            mergedTotal += profile.total();
            gcShare[r] = profile.total() == 0 ? 0 : roundShare(gc, profile.total());
            recordRecursion(recursion, FrameStats.of(profile), r, n, options.frameShare());
        }
        List<FrameSeries> frames = frames(root, roundTotals, options);
        Profile mergedProfile = merged == null ? Profile.builder(event).build() : prune(merged.build(), root, mergedTotal, options);
        return new ProfileSummary(event, frames, gcShare, limitRecursion(recursion), mergedProfile);
    }

    /** Recursion depths of frames that matter (total share at least {@code minShare}); JIT and VM internals rarely do. */
    private static void recordRecursion(Map<String, int[]> recursion, FrameStats stats, int round, int rounds, double minShare) {
        for (FrameStats.Frame frame : stats.byTotal()) {
            if (frame.maxRecursion() >= 2 && frame.totalShare() >= minShare) {
                recursion.computeIfAbsent(frame.frame(), k -> new int[rounds])[round] = frame.maxRecursion();
            }
        }
    }

    private static Map<String, int[]> limitRecursion(Map<String, int[]> recursion) {
        if (recursion.size() <= MAX_RECURSIVE_FRAMES) {
            return recursion;
        }
        Map<String, int[]> kept = new TreeMap<>();
        recursion.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -max(e.getValue())).thenComparing(Map.Entry::getKey))
                .limit(MAX_RECURSIVE_FRAMES)
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * The nodes whose total share, averaged over the rounds that sampled anything, reaches the frame
     * share (mean, not peak: with few samples one round's single sample of a path is noise), minus
     * chains: nodes with no self weight and a single callee in every round, whose shares equal the
     * callee's and whose long framework runs would otherwise dominate the baseline's size.
     */
    private static List<FrameSeries> frames(Node root, long[] roundTotals, BaselineOptions options) {
        int n = roundTotals.length;
        int sampled = 0;
        for (long t : roundTotals) {
            if (t > 0) {
                sampled++;
            }
        }
        int divisor = Math.max(1, sampled);
        List<Node> candidates = new ArrayList<>();
        Map<Node, Double> meanShare = new HashMap<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (node.children == null) {
                continue;
            }
            for (Node child : node.children.values()) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    if (roundTotals[r] > 0) {
                        sum += (double) child.total[r] / roundTotals[r];
                    }
                }
                double mean = sum / divisor;
                if (mean < options.frameShare()) {
                    continue; // descendants carry no more than their ancestor
                }
                todo.push(child);
                if (child.childCount() == 1 && !child.hasSelf()) {
                    continue;
                }
                candidates.add(child);
                meanShare.put(child, mean);
            }
        }
        candidates.sort(Comparator.comparingDouble((Node c) -> -meanShare.get(c)));
        List<FrameSeries> frames = new ArrayList<>();
        for (Node node : candidates.subList(0, Math.min(candidates.size(), options.maxFramesPerEvent()))) {
            double[] total = new double[n];
            double[] self = new double[n];
            for (int r = 0; r < n; r++) {
                if (roundTotals[r] > 0) {
                    total[r] = roundShare(node.total[r], roundTotals[r]);
                    self[r] = roundShare(node.self[r], roundTotals[r]);
                }
            }
            frames.add(new FrameSeries(node.path(), total, self));
        }
        return frames;
    }

    /** Shares are kept to six decimals: plenty for statistics, and the JSON stays readable. */
    static double roundShare(long part, long whole) {
        return Math.round(SHARE_SCALE * part / whole) / SHARE_SCALE;
    }

    /**
     * Cuts every stack of the merged profile after its deepest frame whose path still carries at least
     * the stack share; the cut-off weight stays with that frame, so totals and shares of kept paths hold.
     */
    private static Profile prune(Profile merged, Node root, long total, BaselineOptions options) {
        double min = options.stackShare() * total;
        if (min <= 1) {
            return merged;
        }
        Profile.Builder pruned = Profile.builder(merged.event(), merged.unit()).metadata(merged.metadata());
        for (Stack stack : merged.stacks()) {
            List<String> frames = stack.frames();
            Node node = root;
            int keep = 1;
            for (int i = 0; i < frames.size(); i++) {
                node = node.children.get(frames.get(i));
                if (node.mergedTotal() < min) {
                    break;
                }
                keep = i + 1;
            }
            pruned.add(frames.subList(0, keep), stack.weight());
        }
        return pruned.build();
    }
}
