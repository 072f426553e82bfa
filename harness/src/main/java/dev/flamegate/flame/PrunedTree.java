package dev.flamegate.flame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a {@link FlameDiff} tree that is wide enough to draw, flattened in pre-order into
 * parallel arrays with an interned name table: the compact form the HTML page embeds.
 *
 * <p>A node is kept when its share of the before total or of the after total reaches the minimum
 * width, so both width views of the page stay complete; a pruned node takes its subtree with it.
 */
final class PrunedTree {

    final List<String> names = new ArrayList<>();
    final int size;
    final int[] depth;
    final int[] name;
    final long[] before;
    final long[] after;
    /** Nodes left out, subtrees included. */
    final long prunedNodes;
    /** Inclusive weight of the left-out subtrees in each profile. */
    final long prunedBefore;
    final long prunedAfter;

    private PrunedTree(FlameDiff diff, double minWidth) {
        // Pruning usually keeps a small fraction of the tree: start small, grow all four together.
        int capacity = Math.min(diff.nodeCount(), 4096);
        int[] depths = new int[capacity];
        int[] nameIds = new int[capacity];
        long[] befores = new long[capacity];
        long[] afters = new long[capacity];
        int kept = 0;
        long keptSelfBefore = 0;
        long keptSelfAfter = 0;
        Map<String, Integer> ids = new HashMap<>();

        ArrayDeque<FlameDiff.Node> pending = new ArrayDeque<>();
        pending.push(diff.root());
        while (!pending.isEmpty()) {
            FlameDiff.Node node = pending.pop();
            if (node.depth() > 0 && node.narrowerThan(minWidth)) {
                continue;
            }
            if (kept == depths.length) {
                int grown = Math.min(diff.nodeCount(), kept * 2);
                depths = Arrays.copyOf(depths, grown);
                nameIds = Arrays.copyOf(nameIds, grown);
                befores = Arrays.copyOf(befores, grown);
                afters = Arrays.copyOf(afters, grown);
            }
            Integer id = ids.get(node.name());
            if (id == null) {
                id = names.size();
                ids.put(node.name(), id);
                names.add(node.name());
            }
            depths[kept] = node.depth();
            nameIds[kept] = id;
            befores[kept] = node.before();
            afters[kept] = node.after();
            kept++;
            keptSelfBefore += node.selfBefore();
            keptSelfAfter += node.selfAfter();
            for (int k = node.calleeCount() - 1; k >= 0; k--) {
                pending.push(node.callee(k)); // reversed, so callees pop in name order
            }
        }
        this.size = kept;
        this.depth = Arrays.copyOf(depths, kept);
        this.name = Arrays.copyOf(nameIds, kept);
        this.before = Arrays.copyOf(befores, kept);
        this.after = Arrays.copyOf(afters, kept);
        this.prunedNodes = diff.droppedNodes() + diff.nodeCount() - kept;
        // Every unit of weight is some node's self weight: what kept nodes don't hold was pruned.
        this.prunedBefore = diff.beforeTotal() - keptSelfBefore;
        this.prunedAfter = diff.afterTotal() - keptSelfAfter;
    }

    static PrunedTree of(FlameDiff diff, double minWidth) {
        return new PrunedTree(diff, minWidth);
    }
}
