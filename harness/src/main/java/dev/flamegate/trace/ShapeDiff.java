package dev.flamegate.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The differences between an older and a newer {@link TraceShape}.
 *
 * <p>Children are matched by {@link NodeKey key}; left-over children of the same operation (name and
 * kind) are paired in key order and reported as {@link ShapeChange#attributesChanged() attribute
 * changes}; the rest are added or removed, with their subtrees. Matched nodes whose count per parent
 * differs are {@link ShapeChange#countChanged() count changes}, flagged as
 * {@link ShapeChange#repeatedCall() repeated calls} by the rule of {@link DiffOptions}. Matched nodes
 * are compared recursively. Changes come in depth-first order of the newer shape; equal inputs always
 * give equal diffs.
 */
public final class ShapeDiff {

    private final List<ShapeChange> changes;

    private ShapeDiff(List<ShapeChange> changes) {
        this.changes = List.copyOf(changes);
    }

    /** The differences with {@link DiffOptions#defaults() default options}. */
    public static ShapeDiff between(TraceShape before, TraceShape after) {
        return between(before, after, DiffOptions.defaults());
    }

    /**
     * The differences from {@code before} to {@code after}.
     *
     * @throws IllegalArgumentException when order changes are asked for but a shape did not keep order
     */
    public static ShapeDiff between(TraceShape before, TraceShape after, DiffOptions options) {
        if (options.reportOrder() && !(before.ordered() && after.ordered())) {
            throw new IllegalArgumentException("order changes need both shapes built with "
                    + "ShapeOptions.withOrderMatters(true); before ordered: " + before.ordered()
                    + ", after ordered: " + after.ordered());
        }
        List<ShapeChange> changes = new ArrayList<>();
        compareChildren(List.of(), before.roots(), after.roots(), options, changes);
        return new ShapeDiff(changes);
    }

    /** All changes in depth-first order. */
    public List<ShapeChange> changes() {
        return changes;
    }

    /** Whether the shapes are the same (as far as the options look). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes of one type. */
    public List<ShapeChange> changes(ShapeChange.Type type) {
        return changes.stream().filter(c -> c.type() == type).toList();
    }

    /** The changes that look like a repeated-call pattern (N+1). */
    public List<ShapeChange> repeatedCalls() {
        return changes.stream().filter(ShapeChange::repeatedCall).toList();
    }

    /** This diff without the changes {@code ignored} accepts, e.g. those at nondeterministic nodes. */
    public ShapeDiff without(Predicate<ShapeChange> ignored) {
        return new ShapeDiff(changes.stream().filter(ignored.negate()).toList());
    }

    /**
     * The diff as text: {@code +} added and {@code -} removed nodes with their subtrees, {@code ~}
     * changed nodes, and their ancestors (no mark, labels without counts) for context, indented like
     * {@link TraceShape#render()}:
     * <pre>
     *   GET /orders/{n} [server] {http.request.method=GET}
     * ~   SELECT order_lines [client] {db.system.name=postgresql} ×1 → ×12  repeated call (N+1?)
     * +   POST /audit [client]
     * -   cache.get [internal]
     * </pre>
     * Empty when there are no changes.
     */
    public String render() {
        return DiffText.render(changes);
    }

    @Override
    public String toString() {
        return render();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShapeDiff diff && diff.changes.equals(changes);
    }

    @Override
    public int hashCode() {
        return changes.hashCode();
    }

    private static void compareChildren(List<NodeKey> parents, List<ShapeNode> before, List<ShapeNode> after,
            DiffOptions options, List<ShapeChange> out) {
        Map<NodeKey, ShapeNode> beforeByKey = new LinkedHashMap<>();
        before.forEach(n -> beforeByKey.put(n.key(), n));
        Map<ShapeNode, ShapeNode> partnerOfAfter = new IdentityHashMap<>(); // records hash whole subtrees
        List<ShapeNode> unmatchedAfter = new ArrayList<>();
        for (ShapeNode node : after) {
            ShapeNode partner = beforeByKey.remove(node.key());
            if (partner != null) {
                partnerOfAfter.put(node, partner);
            } else {
                unmatchedAfter.add(node);
            }
        }
        // Same operation, other attributes: pair the left-overs in key order.
        List<ShapeNode> removed = new ArrayList<>(beforeByKey.values());
        removed.sort(Comparator.comparing(ShapeNode::key));
        List<ShapeNode> unmatchedSorted = new ArrayList<>(unmatchedAfter);
        unmatchedSorted.sort(Comparator.comparing(ShapeNode::key));
        for (ShapeNode node : unmatchedSorted) {
            for (int i = 0; i < removed.size(); i++) {
                if (removed.get(i).key().sameOperation(node.key())) {
                    partnerOfAfter.put(node, removed.remove(i));
                    break;
                }
            }
        }
        if (options.reportOrder()) {
            reportOrder(parents, before, after, partnerOfAfter, out);
        }
        for (ShapeNode node : after) {
            ShapeNode partner = partnerOfAfter.get(node);
            if (partner == null) {
                out.add(ShapeChange.added(parents, node, options.isRepeatedCall(0, node.maxPerParent())));
                continue;
            }
            boolean countChanged = ShapeChange.countsDiffer(partner, node);
            if (countChanged || !partner.key().equals(node.key())) {
                boolean repeated = countChanged && options.isRepeatedCall(partner.maxPerParent(), node.maxPerParent());
                out.add(ShapeChange.changed(parents, partner, node, repeated));
            }
            List<NodeKey> path = new ArrayList<>(parents);
            path.add(node.key());
            compareChildren(path, partner.children(), node.children(), options, out);
        }
        for (ShapeNode node : removed) {
            out.add(ShapeChange.removed(parents, node));
        }
    }

    private static void reportOrder(List<NodeKey> parents, List<ShapeNode> before, List<ShapeNode> after,
            Map<ShapeNode, ShapeNode> partnerOfAfter, List<ShapeChange> out) {
        Map<ShapeNode, NodeKey> afterKeyOfBefore = new IdentityHashMap<>();
        partnerOfAfter.forEach((a, b) -> afterKeyOfBefore.put(b, a.key()));
        List<NodeKey> oldOrder = before.stream().filter(afterKeyOfBefore::containsKey).map(afterKeyOfBefore::get).toList();
        List<NodeKey> newOrder = after.stream().filter(partnerOfAfter::containsKey).map(ShapeNode::key).toList();
        if (!oldOrder.equals(newOrder)) {
            out.add(ShapeChange.reordered(parents, oldOrder, newOrder));
        }
    }
}
