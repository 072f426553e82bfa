package dev.flamegate.flame;

import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Two profiles merged into one call tree whose nodes carry the weight of both: the model behind a
 * differential flame graph, free of any rendering so that its numbers can be checked exactly.
 *
 * <p>Weights are kept raw (in each profile's own unit count) and exposed normalised to each profile's
 * total, so that runs with different sample counts compare: a frame's {@linkplain Node#deltaShare()
 * delta} is its share of the after total minus its share of the before total. {@link #stacks()} lists
 * every distinct stack with its before count scaled to the after total exactly as FlameGraph's
 * {@code difffolded.pl -n before after} does ({@code int(before * afterTotal / beforeTotal)}).
 *
 * <p>Immutable once built. Building is linear in the number of frames: stacks are merged in sorted
 * order, so consecutive stacks share their common prefix path and no per-node hash map is needed.
 */
public final class FlameDiff {

    /** Name of the synthetic root frame that spans everything, as in FlameGraph. */
    public static final String ROOT_NAME = "all";

    /** Whether a frame (a call path) occurs in one profile, the other, or both. */
    public enum Presence {
        BOTH, BEFORE_ONLY, AFTER_ONLY
    }

    /**
     * One distinct stack and its weights, one line of {@code difffolded.pl -n} output.
     *
     * @param frames root first
     * @param before raw weight in the before profile (0 when absent)
     * @param after raw weight in the after profile (0 when absent)
     * @param beforeScaled {@code before} scaled to the after total and truncated, as {@code difffolded.pl -n}
     */
    public record StackDelta(List<String> frames, long before, long after, long beforeScaled) {
        public StackDelta {
            frames = List.copyOf(frames);
        }

        /** The stack in collapsed notation, {@code a;b;c}. */
        public String collapsed() {
            return String.join(";", frames);
        }
    }

    private static final Node[] NO_CALLEES = new Node[0];

    private final long beforeTotal;
    private final long afterTotal;
    private final List<Stack> beforeStacks;
    private final List<Stack> afterStacks;
    private final Node root;
    private final int nodeCount;
    private final long droppedNodes;
    private final int maxDepth;
    private volatile List<StackDelta> stacks;

    /**
     * @param minWidth nodes whose share stays below this in both profiles are dropped while building
     *     (with their subtrees), which keeps memory small for page rendering; 0 keeps the full tree
     */
    private FlameDiff(List<Stack> beforeStacks, long beforeTotal, List<Stack> afterStacks, long afterTotal,
                      double minWidth) {
        this.beforeTotal = beforeTotal;
        this.afterTotal = afterTotal;
        this.beforeStacks = sorted(beforeStacks);
        this.afterStacks = sorted(afterStacks);
        Builder builder = new Builder(minWidth);
        mergeStacks(builder::add);
        this.root = builder.finish();
        this.nodeCount = builder.nodeCount;
        this.droppedNodes = builder.droppedNodes;
        this.maxDepth = builder.maxDepth;
    }

    /** What receives the merged stacks. */
    @FunctionalInterface
    private interface StackSink {
        void accept(List<String> frames, long before, long after);
    }

    /** Walks both sorted stack lists together, handing each distinct stack to {@code sink} once, in order. */
    private void mergeStacks(StackSink sink) {
        List<Stack> b = beforeStacks;
        List<Stack> a = afterStacks;
        int i = 0;
        int j = 0;
        while (i < b.size() || j < a.size()) {
            int c = i == b.size() ? 1 : j == a.size() ? -1 : FRAME_ORDER.compare(b.get(i), a.get(j));
            if (c < 0) {
                sink.accept(b.get(i).frames(), b.get(i++).weight(), 0);
            } else if (c > 0) {
                sink.accept(a.get(j).frames(), 0, a.get(j++).weight());
            } else {
                sink.accept(a.get(j).frames(), b.get(i++).weight(), a.get(j++).weight());
            }
        }
    }

    /**
     * Merges {@code before} and {@code after} into one tree.
     *
     * @throws IllegalArgumentException when the two profiles measure different events or units
     */
    public static FlameDiff of(Profile before, Profile after) {
        requireComparable(before, after);
        return new FlameDiff(before.stacks(), before.total(), after.stacks(), after.total(), 0);
    }

    /**
     * As {@link #of} but without the nodes narrower than {@code minWidth} in both profiles: what a page
     * shows, built without ever holding the full tree.
     */
    static FlameDiff pruned(Profile before, Profile after, double minWidth) {
        requireComparable(before, after);
        return new FlameDiff(before.stacks(), before.total(), after.stacks(), after.total(), minWidth);
    }

    private static void requireComparable(Profile before, Profile after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.event() != after.event() || before.unit() != after.unit()) {
            throw new IllegalArgumentException("Cannot diff a " + before.event() + " profile in " + before.unit()
                    + " against a " + after.event() + " profile in " + after.unit()
                    + ": compare profiles of the same event");
        }
    }

    /** A tree of one profile only: every frame has before weight 0. Used by the plain flame graph. */
    static FlameDiff single(Profile profile, double minWidth) {
        return new FlameDiff(List.of(), 0, profile.stacks(), profile.total(), minWidth);
    }

    /** Sum of the before profile's weights. */
    public long beforeTotal() {
        return beforeTotal;
    }

    /** Sum of the after profile's weights. */
    public long afterTotal() {
        return afterTotal;
    }

    /** The synthetic root {@value #ROOT_NAME}, weighted with both totals. */
    public Node root() {
        return root;
    }

    /** Every distinct stack of either profile, sorted frame by frame; unmodifiable, computed on first use. */
    public List<StackDelta> stacks() {
        List<StackDelta> result = stacks;
        if (result == null) {
            List<StackDelta> list = new ArrayList<>(beforeStacks.size() + afterStacks.size());
            mergeStacks((frames, before, after) ->
                    list.add(new StackDelta(frames, before, after, scaleToAfter(before, beforeTotal, afterTotal))));
            result = Collections.unmodifiableList(list);
            stacks = result;
        }
        return result;
    }

    /** Number of nodes in the tree, the root included. */
    public int nodeCount() {
        return nodeCount;
    }

    /** Nodes left out while building (see {@link #pruned}); 0 for {@link #of}. */
    long droppedNodes() {
        return droppedNodes;
    }

    /** Depth of the deepest stack (the root has depth 0), dropped nodes included. */
    public int maxDepth() {
        return maxDepth;
    }

    /**
     * The node reached from the root through {@code path} (frame names, root-most first, without
     * {@value #ROOT_NAME}), or {@code null} when no stack of either profile passes there.
     */
    public Node find(String... path) {
        Node node = root;
        for (String name : path) {
            node = node.child(name);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * The stacks as {@code difffolded.pl -n before after} prints them: {@code a;b;c beforeScaled after}
     * per line, sorted (the script's own order is hash order).
     */
    public String toDiffFolded() {
        List<StackDelta> all = stacks();
        StringBuilder text = new StringBuilder(all.size() * 64);
        for (StackDelta stack : all) {
            text.append(stack.collapsed()).append(' ').append(stack.beforeScaled()).append(' ')
                    .append(stack.after()).append('\n');
        }
        return text.toString();
    }

    /**
     * {@code before} scaled to the after total, truncated toward zero: the integer {@code difffolded.pl -n}
     * prints. Equal totals (or an empty before profile) leave the count as it is.
     */
    static long scaleToAfter(long before, long beforeTotal, long afterTotal) {
        if (beforeTotal == afterTotal || beforeTotal == 0) {
            return before;
        }
        long high = Math.multiplyHigh(before, afterTotal);
        long low = before * afterTotal;
        if (high == 0 && low >= 0) {
            return low / beforeTotal;
        }
        return BigInteger.valueOf(before).multiply(BigInteger.valueOf(afterTotal))
                .divide(BigInteger.valueOf(beforeTotal)).longValueExact();
    }

    private static double share(long weight, long total) {
        return total == 0 ? 0 : (double) weight / total;
    }

    /** Whether weights {@code before} and {@code after} are each below {@code minWidth} of their profile's total. */
    private boolean narrowerThan(long before, long after, double minWidth) {
        return Math.max(share(before, beforeTotal), share(after, afterTotal)) < minWidth;
    }

    /**
     * One frame on one call path, with its inclusive ("total") and self weights in both profiles.
     * A frame that recurses appears once per depth, so inclusive weights never double-count.
     */
    public final class Node {
        private final String name;
        private final int depth;
        private final long before;
        private final long after;
        private final long selfBefore;
        private final long selfAfter;
        /** Callees in name order; a bare array because large diffs have millions of nodes. */
        private final Node[] callees;

        private Node(String name, int depth, long before, long after, long selfBefore, long selfAfter, Node[] callees) {
            this.name = name;
            this.depth = depth;
            this.before = before;
            this.after = after;
            this.selfBefore = selfBefore;
            this.selfAfter = selfAfter;
            this.callees = callees;
        }

        public String name() {
            return name;
        }

        /** 0 for the root, 1 for the outermost real frame. */
        public int depth() {
            return depth;
        }

        /** Inclusive weight in the before profile, raw. */
        public long before() {
            return before;
        }

        /** Inclusive weight in the after profile, raw. */
        public long after() {
            return after;
        }

        /** Weight of stacks ending in this frame, before profile. */
        public long selfBefore() {
            return selfBefore;
        }

        /** Weight of stacks ending in this frame, after profile. */
        public long selfAfter() {
            return selfAfter;
        }

        /** {@link #before()} divided by the before total (0 when that is 0). */
        public double beforeShare() {
            return share(before, beforeTotal);
        }

        /** {@link #after()} divided by the after total (0 when that is 0). */
        public double afterShare() {
            return share(after, afterTotal);
        }

        /** After share minus before share: positive when the frame grew. */
        public double deltaShare() {
            return afterShare() - beforeShare();
        }

        /** Before weight in units of the after profile: {@code before * afterTotal / beforeTotal}, not truncated. */
        public double beforeScaled() {
            return beforeTotal == 0 || beforeTotal == afterTotal ? before : (double) before * afterTotal / beforeTotal;
        }

        /** After weight minus {@link #beforeScaled()}: the change in after-profile units. */
        public double delta() {
            return after - beforeScaled();
        }

        /** Whether this node's share is below {@code minWidth} in both profiles. */
        boolean narrowerThan(double minWidth) {
            return FlameDiff.this.narrowerThan(before, after, minWidth);
        }

        public Presence presence() {
            return before == 0 ? Presence.AFTER_ONLY : after == 0 ? Presence.BEFORE_ONLY : Presence.BOTH;
        }

        /** Callees sorted by name; an unmodifiable view. */
        public List<Node> children() {
            return callees.length == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(callees));
        }

        int calleeCount() {
            return callees.length;
        }

        Node callee(int index) {
            return callees[index];
        }

        /** The callee called {@code childName}, or {@code null}. */
        public Node child(String childName) {
            int low = 0;
            int high = callees.length - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int c = callees[mid].name.compareTo(childName);
                if (c < 0) {
                    low = mid + 1;
                } else if (c > 0) {
                    high = mid - 1;
                } else {
                    return callees[mid];
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name + "[before=" + before + ", after=" + after + "]";
        }
    }

    /** Frame-by-frame order of {@link Profile#stacks()}, with an identity shortcut for interned names. */
    private static final Comparator<Stack> FRAME_ORDER = (x, y) -> {
        List<String> p = x.frames();
        List<String> q = y.frames();
        int common = Math.min(p.size(), q.size());
        for (int k = 0; k < common; k++) {
            String s = p.get(k);
            String t = q.get(k);
            if (s != t) {
                int c = s.compareTo(t);
                if (c != 0) {
                    return c;
                }
            }
        }
        return Integer.compare(p.size(), q.size());
    };

    /** Profiles are documented as sorted; this checks it and sorts a copy only when they are not. */
    private static List<Stack> sorted(List<Stack> stacks) {
        for (int k = 1; k < stacks.size(); k++) {
            if (FRAME_ORDER.compare(stacks.get(k - 1), stacks.get(k)) > 0) {
                List<Stack> copy = new ArrayList<>(stacks);
                copy.sort(FRAME_ORDER);
                return copy;
            }
        }
        return stacks;
    }

    /**
     * Inserts stacks arriving in sorted order. Because all stacks below one node arrive together, the
     * path of the previous stack is the only place a new stack can share nodes with: below the common
     * prefix every node is new and comes after (by name) its parent's earlier callees. The path is kept as
     * counters per depth, and a node is made only when it is complete (it leaves the path): a node too
     * narrow then is never made, and neither are its callees, which are narrower still.
     */
    private final class Builder {
        private final double minWidth;
        private String[] names = new String[64];
        private long[] before = new long[64];
        private long[] after = new long[64];
        private long[] selfBefore = new long[64];
        private long[] selfAfter = new long[64];
        /** The completed callees of the path's node at each depth, in name order. */
        private List<List<Node>> callees = new ArrayList<>();
        private int pathDepth;
        private List<String> previous = List.of();
        private int nodeCount = 1;
        private long droppedNodes;
        private int maxDepth;

        Builder(double minWidth) {
            this.minWidth = minWidth;
            names[0] = ROOT_NAME;
            callees.add(new ArrayList<>());
        }

        void add(List<String> frames, long beforeWeight, long afterWeight) {
            int depth = frames.size();
            if (depth + 1 > names.length) {
                int size = Math.max(depth + 1, names.length * 2);
                names = Arrays.copyOf(names, size);
                before = Arrays.copyOf(before, size);
                after = Arrays.copyOf(after, size);
                selfBefore = Arrays.copyOf(selfBefore, size);
                selfAfter = Arrays.copyOf(selfAfter, size);
            }
            while (callees.size() <= depth) {
                callees.add(new ArrayList<>());
            }
            int common = 0;
            int limit = Math.min(depth, previous.size());
            while (common < limit && frames.get(common).equals(previous.get(common))) {
                common++;
            }
            closeDownTo(common);
            for (int d = common + 1; d <= depth; d++) {
                names[d] = frames.get(d - 1);
                before[d] = 0;
                after[d] = 0;
                selfBefore[d] = 0;
                selfAfter[d] = 0;
            }
            for (int d = 1; d <= depth; d++) {
                before[d] += beforeWeight;
                after[d] += afterWeight;
            }
            selfBefore[depth] += beforeWeight;
            selfAfter[depth] += afterWeight;
            pathDepth = depth;
            maxDepth = Math.max(maxDepth, depth);
            previous = frames;
        }

        /** Completes the path's nodes deeper than {@code depth}, deepest first, making those wide enough. */
        void closeDownTo(int depth) {
            for (int d = pathDepth; d > depth; d--) {
                List<Node> done = callees.get(d);
                if (minWidth > 0 && narrowerThan(before[d], after[d], minWidth)) {
                    droppedNodes++;
                } else {
                    callees.get(d - 1).add(new Node(names[d], d, before[d], after[d], selfBefore[d], selfAfter[d],
                            calleeArray(done)));
                    nodeCount++;
                }
                done.clear();
            }
            pathDepth = Math.min(pathDepth, depth);
        }

        /** The root, once every stack is added. */
        Node finish() {
            closeDownTo(0);
            List<Node> top = callees.get(0);
            Node root = new Node(ROOT_NAME, 0, beforeTotal, afterTotal, 0, 0, calleeArray(top));
            top.clear();
            return root;
        }

        private Node[] calleeArray(List<Node> done) {
            return done.isEmpty() ? NO_CALLEES : done.toArray(NO_CALLEES);
        }
    }
}
