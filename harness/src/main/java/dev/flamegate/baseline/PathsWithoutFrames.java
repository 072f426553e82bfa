package dev.flamegate.baseline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a summary's kept call paths as if some frames had not been in the stacks. The kept paths and the chains
 * between them (paths with one callee and no self weight, which are not kept but share their callee's total) are
 * the call tree above the prune share; each node of it goes to the node of the new tree its path names without the
 * dropped frames. A node whose own frame is dropped is inside its caller's total already and only adds its self
 * weight; every other node adds both. The new tree's chains are not kept, as {@link ProfileSummarizer} does not
 * keep them.
 */
final class PathsWithoutFrames {

    /** Shares are stored rounded ({@link ProfileSummarizer#SHARE_SCALE}): a sum of a few may differ from the rounded sum by this much. */
    private static final double SUM_TOLERANCE = 10 / ProfileSummarizer.SHARE_SCALE;

    private static final class Node {
        final String name;
        final Node parent;
        final Map<String, Node> children = new HashMap<>(4);
        final double[] total;
        final double[] self;
        boolean kept;

        Node(String name, Node parent, int rounds) {
            this.name = name;
            this.parent = parent;
            this.total = new double[rounds];
            this.self = new double[rounds];
        }

        Node child(String frame) {
            return children.computeIfAbsent(frame, f -> new Node(f, this, total.length));
        }

        String path() {
            Deque<String> names = new ArrayDeque<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                names.addFirst(n.name);
            }
            return String.join(";", names);
        }
    }

    private PathsWithoutFrames() {
    }

    /** The series of {@code kept} read without the frames {@code dropped} names; empty when no path holds one. */
    static Optional<List<FrameSeries>> of(List<FrameSeries> kept, int rounds, Predicate<String> dropped) {
        Map<String, Boolean> answers = new HashMap<>();
        Predicate<String> isDropped = frame -> answers.computeIfAbsent(frame, dropped::test);
        Node original = new Node("", null, rounds);
        boolean any = false;
        for (FrameSeries f : kept) {
            Node node = original;
            for (String frame : f.path().split(";", -1)) {
                any |= isDropped.test(frame);
                node = node.child(frame);
            }
            node.kept = true;
            System.arraycopy(f.total(), 0, node.total, 0, rounds);
            System.arraycopy(f.self(), 0, node.self, 0, rounds);
        }
        if (!any) {
            return Optional.empty();
        }
        addChainTotals(original);
        Node without = new Node("", null, rounds);
        Deque<Node[]> todo = new ArrayDeque<>();
        original.children.values().forEach(child -> todo.push(new Node[] {child, without}));
        while (!todo.isEmpty()) {
            Node[] next = todo.pop();
            Node node = next[0];
            Node caller = next[1];
            Node target;
            if (isDropped.test(node.name)) {
                target = caller;
            } else {
                target = caller.child(node.name);
                add(target.total, node.total);
            }
            if (target != without) { // a dropped frame at the root has no caller to give its weight to
                add(target.self, node.self);
            }
            node.children.values().forEach(child -> todo.push(new Node[] {child, target}));
        }
        return Optional.of(series(without));
    }

    /** Gives each path that was not kept (a chain) the total of the kept paths below it, and no self weight. */
    private static void addChainTotals(Node root) {
        List<Node> order = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            order.add(node);
            todo.addAll(node.children.values());
        }
        for (int i = order.size() - 1; i > 0; i--) { // callees before callers
            Node node = order.get(i);
            if (!node.kept) {
                node.children.values().forEach(child -> add(node.total, child.total));
            }
        }
    }

    private static List<FrameSeries> series(Node root) {
        List<FrameSeries> series = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>(root.children.values());
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            todo.addAll(node.children.values());
            if (!isChain(node)) {
                series.add(new FrameSeries(node.path(), rounded(node.total), rounded(node.self)));
            }
        }
        return series;
    }

    /** No self weight and one callee carrying all of the node's weight in every round. */
    private static boolean isChain(Node node) {
        if (node.children.size() != 1) {
            return false;
        }
        Node callee = node.children.values().iterator().next();
        for (int r = 0; r < node.total.length; r++) {
            if (node.self[r] != 0 || Math.abs(node.total[r] - callee.total[r]) > SUM_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static void add(double[] sum, double[] values) {
        for (int r = 0; r < sum.length; r++) {
            sum[r] += values[r];
        }
    }

    private static double[] rounded(double[] shares) {
        double[] rounded = new double[shares.length];
        for (int r = 0; r < shares.length; r++) {
            rounded[r] = Math.round(ProfileSummarizer.SHARE_SCALE * shares[r]) / ProfileSummarizer.SHARE_SCALE;
        }
        return rounded;
    }
}
