package dev.flamegate.trace;

import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * One node of a {@link TraceShape}: all sibling spans with the same {@link NodeKey}, merged.
 *
 * <p><b>How counts combine.</b> A node's parent may itself stand for several merged spans (its
 * <em>occurrences</em>; a root's single occurrence is the whole trace list). For each occurrence of the
 * parent we count the spans of this key under it. {@code total} is the sum over all parent occurrences,
 * {@code minPerParent} and {@code maxPerParent} the least and greatest per-occurrence count, where an
 * occurrence without such a child counts 0. So {@code GET /orders ×3} whose calls ran 1, 1 and 4
 * queries has a query child with total 6, min 1, max 4, rendered {@code ×1..4}; a child that is there
 * once under every occurrence has min = max = 1, rendered without a count. The children of merged
 * spans merge the same way, recursively.
 *
 * @param key name, kind and key attributes
 * @param total how many spans merged into this node
 * @param minPerParent the smallest count under one occurrence of the parent (0 when some lack it)
 * @param maxPerParent the largest count under one occurrence of the parent
 * @param children the merged children, sorted by key or in first-occurrence order (see
 *     {@link TraceShape#ordered()})
 */
public record ShapeNode(NodeKey key, int total, int minPerParent, int maxPerParent, List<ShapeNode> children) {

    public ShapeNode {
        Objects.requireNonNull(key, "key");
        children = List.copyOf(children);
        if (total < 1 || minPerParent < 0 || maxPerParent < 1 || minPerParent > maxPerParent || maxPerParent > total) {
            throw new IllegalArgumentException("inconsistent counts of " + key.name() + ": total " + total
                    + ", per parent " + minPerParent + ".." + maxPerParent);
        }
    }

    /** The normalised span name. */
    public String name() {
        return key.name();
    }

    /** The span kind. */
    public SpanKind kind() {
        return key.kind();
    }

    /** The key attributes by label. */
    public SortedMap<String, String> attributes() {
        return key.attributes();
    }

    /** Whether every occurrence of the parent had the same number of these spans. */
    public boolean countIsStable() {
        return minPerParent == maxPerParent;
    }

    /** The number of spans in this node and below. */
    public int spanCount() {
        int count = total;
        for (ShapeNode child : children) {
            count += child.spanCount();
        }
        return count;
    }
}
