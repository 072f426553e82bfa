package dev.flamegate.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One difference between two {@link TraceShape}s, found by {@link ShapeDiff}.
 *
 * @param type what kind of difference
 * @param parents keys of the node's ancestors from the root down (as in the newer shape); for
 *     {@link Type#ORDER_CHANGED} the ancestors down to and including the node whose children moved
 * @param before the node in the older shape; {@code null} for {@link Type#ADDED} and order changes
 * @param after the node in the newer shape; {@code null} for {@link Type#REMOVED} and order changes
 * @param repeatedCall whether the change looks like a repeated-call pattern (the N+1 query): a node
 *     whose count per parent grew from few to many, or a new node that occurs many times per parent
 * @param orderBefore for order changes, the children that both shapes have, in the older order
 * @param orderAfter for order changes, the same children in the newer order
 */
public record ShapeChange(Type type, List<NodeKey> parents, ShapeNode before, ShapeNode after, boolean repeatedCall,
        List<NodeKey> orderBefore, List<NodeKey> orderAfter) {

    /** Kinds of differences. */
    public enum Type {
        /** A node only the newer shape has (with its subtree). */
        ADDED,
        /** A node only the older shape has (with its subtree). */
        REMOVED,
        /**
         * The same operation (name and kind) whose key attributes, count per parent, or both changed;
         * see {@link #attributesChanged()} and {@link #countChanged()}.
         */
        CHANGED,
        /** The children of a node (or the roots) common to both shapes come in another order. */
        ORDER_CHANGED
    }

    /** Marks the location of an order change, so that it covers the order only, not the subtree. */
    static final String ORDER_MARK = "(order)";

    public ShapeChange {
        Objects.requireNonNull(type, "type");
        parents = List.copyOf(parents);
        orderBefore = List.copyOf(orderBefore);
        orderAfter = List.copyOf(orderAfter);
        boolean valid = switch (type) {
            case ADDED -> before == null && after != null;
            case REMOVED -> before != null && after == null;
            case CHANGED -> before != null && after != null;
            case ORDER_CHANGED -> before == null && after == null && !orderBefore.isEmpty();
        };
        if (!valid) {
            throw new IllegalArgumentException("inconsistent " + type + " change");
        }
    }

    static ShapeChange added(List<NodeKey> parents, ShapeNode node, boolean repeatedCall) {
        return new ShapeChange(Type.ADDED, parents, null, node, repeatedCall, List.of(), List.of());
    }

    static ShapeChange removed(List<NodeKey> parents, ShapeNode node) {
        return new ShapeChange(Type.REMOVED, parents, node, null, false, List.of(), List.of());
    }

    static ShapeChange changed(List<NodeKey> parents, ShapeNode before, ShapeNode after, boolean repeatedCall) {
        return new ShapeChange(Type.CHANGED, parents, before, after, repeatedCall, List.of(), List.of());
    }

    static ShapeChange reordered(List<NodeKey> parents, List<NodeKey> before, List<NodeKey> after) {
        return new ShapeChange(Type.ORDER_CHANGED, parents, null, null, false, before, after);
    }

    /** Whether a {@link Type#CHANGED} node's key attributes differ. */
    public boolean attributesChanged() {
        return type == Type.CHANGED && !before.key().equals(after.key());
    }

    /** Whether a {@link Type#CHANGED} node's count per parent or total count differs. */
    public boolean countChanged() {
        return type == Type.CHANGED && countsDiffer(before, after);
    }

    static boolean countsDiffer(ShapeNode before, ShapeNode after) {
        return before.minPerParent() != after.minPerParent() || before.maxPerParent() != after.maxPerParent()
                || before.total() != after.total();
    }

    /**
     * Where the change is, independent of attribute values: the operations ({@code name [kind]}) from
     * the root to the changed node. An order change ends with the marker {@code (order)} after its
     * parent. A location covers every change whose location starts with it.
     */
    public List<String> location() {
        List<String> location = new ArrayList<>(parents.size() + 1);
        for (NodeKey parent : parents) {
            location.add(ShapeText.operation(parent));
        }
        location.add(type == Type.ORDER_CHANGED ? ORDER_MARK : ShapeText.operation(node().key()));
        return List.copyOf(location);
    }

    /** The node in the newer shape, or in the older one when it was removed; {@code null} for order changes. */
    public ShapeNode node() {
        return after != null ? after : before;
    }

    /** The one-line description as in {@link ShapeDiff#render()}, without indentation. */
    public String describe() {
        return DiffText.line(this);
    }
}
