package dev.flamegate.trace;

import io.opentelemetry.api.trace.SpanKind;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What identifies a node of a {@link TraceShape} among its siblings: the normalised span name, the span
 * kind and the normalised key attributes. Siblings with equal keys merge.
 *
 * <p>Keys order by name, then kind, then attributes (by label, then value), which is the order of
 * children in a shape that ignores order.
 *
 * @param name the normalised, redacted span name
 * @param kind the span kind
 * @param attributes key attributes by label, sorted; absent attributes are simply missing
 */
public record NodeKey(String name, SpanKind kind, SortedMap<String, String> attributes) implements Comparable<NodeKey> {

    private static final Comparator<NodeKey> ORDER = Comparator.comparing(NodeKey::name)
            .thenComparing(NodeKey::kind)
            .thenComparing(NodeKey::attributes, NodeKey::compareAttributes);

    public NodeKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        attributes.forEach((label, value) -> Objects.requireNonNull(value, () -> "value of " + label));
    }

    /** A key without attributes. */
    public static NodeKey of(String name, SpanKind kind) {
        return new NodeKey(name, kind, new TreeMap<>());
    }

    /** Whether {@code other} is the same operation (name and kind), whatever its attributes. */
    public boolean sameOperation(NodeKey other) {
        return name.equals(other.name) && kind == other.kind;
    }

    @Override
    public int compareTo(NodeKey other) {
        return ORDER.compare(this, other);
    }

    private static int compareAttributes(SortedMap<String, String> a, SortedMap<String, String> b) {
        Iterator<Map.Entry<String, String>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, String> l = left.next();
            Map.Entry<String, String> r = right.next();
            int byLabel = l.getKey().compareTo(r.getKey());
            if (byLabel != 0) {
                return byLabel;
            }
            int byValue = l.getValue().compareTo(r.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }
}
