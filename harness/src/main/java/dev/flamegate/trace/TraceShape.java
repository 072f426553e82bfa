package dev.flamegate.trace;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The canonical tree of spans of a workload, independent of ids, timings and the data it used.
 *
 * <p>Built from finished spans as {@code InMemorySpanExporter.getFinishedSpanItems()} returns them, in
 * any order and from any number of traces: spans whose parent is not in the list are roots; each node
 * is a span name, kind and key attributes ({@link ShapeOptions}), normalised and redacted; siblings
 * (and roots) with equal {@link NodeKey keys} merge into one {@link ShapeNode} with counts. The same
 * spans always give an equal shape with the same {@link #render() rendering}.
 *
 * @param roots the merged root nodes
 * @param ordered {@code true} when children (and roots) are in first-occurrence order rather than
 *     sorted by key; see {@link ShapeOptions#orderMatters()}
 */
public record TraceShape(List<ShapeNode> roots, boolean ordered) {

    private static final TraceShape EMPTY = new TraceShape(List.of(), false);

    public TraceShape {
        roots = List.copyOf(roots);
    }

    /** The shape of {@code spans} with {@link ShapeOptions#defaults() default options}. */
    public static TraceShape of(Collection<SpanData> spans) {
        return of(spans, ShapeOptions.defaults());
    }

    /** The shape of {@code spans}. */
    public static TraceShape of(Collection<SpanData> spans, ShapeOptions options) {
        return new ShapeBuilder(options).build(spans);
    }

    /** The shape of a workload that made no spans. */
    public static TraceShape empty() {
        return EMPTY;
    }

    /** Whether there are no spans at all. */
    public boolean isEmpty() {
        return roots.isEmpty();
    }

    /** The number of spans the shape was made from. */
    public int spanCount() {
        return roots.stream().mapToInt(ShapeNode::spanCount).sum();
    }

    /**
     * Nodes that repeat at least {@code minPerParent} times under one occurrence of their parent, in
     * depth-first order: within one shape, the candidates for a repeated-call (N+1) pattern, e.g. for an
     * assertion that a trace has none. Use {@code repeatedCalls(3)} with {@link SpanKind#CLIENT}
     * filtering for database and HTTP calls.
     */
    public List<ShapeNode> repeatedCalls(int minPerParent) {
        if (minPerParent < 2) {
            throw new IllegalArgumentException("a repeated call occurs at least twice, minPerParent was " + minPerParent);
        }
        List<ShapeNode> found = new ArrayList<>();
        Deque<ShapeNode> pending = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            pending.push(roots.get(i));
        }
        while (!pending.isEmpty()) {
            ShapeNode node = pending.pop();
            if (node.maxPerParent() >= minPerParent && !node.name().equals(ShapeOptions.DEEPER_SPANS)) {
                found.add(node);
            }
            for (int i = node.children().size() - 1; i >= 0; i--) {
                pending.push(node.children().get(i));
            }
        }
        return found;
    }

    /**
     * The shape as an indented tree, one node per line, two spaces per level:
     * <pre>
     * GET /orders/{n} [server] {http.request.method=GET, http.route=/orders/{id}}
     *   SELECT orders [client] {db.operation.name=SELECT, db.system.name=postgresql} ×12
     * </pre>
     * A count is shown when it is not 1: {@code ×12}, or {@code ×1..4} when the parent's merged
     * occurrences had different numbers. Control characters are escaped and very long names cut.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        ShapeText.tree(roots, 0, "", out);
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
