package dev.flamegate.trace;

import dev.flamegate.redact.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns finished spans into the merged, sorted node forest of a {@link TraceShape}. Single use. */
final class ShapeBuilder {

    private final ShapeOptions options;
    private final Set<String> sourceKeys = new HashSet<>();
    private final Map<SpanData, NodeKey> keys = new IdentityHashMap<>();
    private final Map<SpanData, List<SpanData>> childrenOf = new IdentityHashMap<>();
    private final Map<String, String> names = new HashMap<>(); // span names repeat a lot

    ShapeBuilder(ShapeOptions options) {
        this.options = options;
        options.keyAttributes().forEach(k -> sourceKeys.addAll(k.sources()));
    }

    TraceShape build(Collection<SpanData> spans) {
        Map<String, SpanData> byId = new LinkedHashMap<>();
        for (SpanData span : spans) {
            byId.putIfAbsent(id(span.getTraceId(), span.getSpanId()), span); // an exporter may repeat a span
        }
        List<SpanData> roots = new ArrayList<>();
        Map<SpanData, SpanData> parentOf = new IdentityHashMap<>();
        for (SpanData span : byId.values()) {
            SpanData parent = span.getParentSpanContext().isValid()
                    ? byId.get(id(span.getTraceId(), span.getParentSpanId()))
                    : null;
            if (parent == null || parent == span) {
                roots.add(span);
            } else {
                parentOf.put(span, parent);
            }
        }
        breakCycles(byId.values(), roots, parentOf);
        parentOf.forEach((child, parent) -> childrenOf.computeIfAbsent(parent, p -> new ArrayList<>()).add(child));
        return new TraceShape(merge(List.of(roots), 1), options.orderMatters());
    }

    /** Hand-made span lists can hold parent cycles; each cycle's earliest span becomes a root. */
    private static void breakCycles(Collection<SpanData> all, List<SpanData> roots, Map<SpanData, SpanData> parentOf) {
        Set<SpanData> reachesRoot = Collections.newSetFromMap(new IdentityHashMap<>());
        reachesRoot.addAll(roots);
        for (SpanData span : all) {
            Set<SpanData> path = Collections.newSetFromMap(new IdentityHashMap<>());
            SpanData at = span;
            while (!reachesRoot.contains(at) && path.add(at)) {
                at = parentOf.get(at);
            }
            if (!reachesRoot.contains(at)) {
                // at closes a cycle: cut the cycle at its earliest member
                List<SpanData> cycle = new ArrayList<>();
                SpanData member = at;
                do {
                    cycle.add(member);
                    member = parentOf.get(member);
                } while (member != at);
                SpanData earliest = cycle.stream()
                        .min(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(SpanData::getSpanId))
                        .orElseThrow();
                parentOf.remove(earliest);
                roots.add(earliest);
            }
            reachesRoot.addAll(path);
        }
    }

    /** Merges the children of several occurrences of one parent into nodes at {@code depth}. */
    private List<ShapeNode> merge(List<List<SpanData>> occurrences, int depth) {
        if (depth > options.maxDepth()) {
            return deeperSpans(occurrences);
        }
        Map<NodeKey, Group> groups = new HashMap<>();
        for (int occurrence = 0; occurrence < occurrences.size(); occurrence++) {
            List<SpanData> siblings = new ArrayList<>(occurrences.get(occurrence));
            if (options.orderMatters()) {
                siblings.sort(Comparator.comparingLong(SpanData::getStartEpochNanos).thenComparing(this::keyOf));
            }
            for (int position = 0; position < siblings.size(); position++) {
                SpanData span = siblings.get(position);
                Group group = groups.computeIfAbsent(keyOf(span), k -> new Group(k, occurrences.size()));
                group.add(span, occurrence, position);
            }
        }
        List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort(options.orderMatters()
                ? Comparator.comparingInt((Group g) -> g.firstPosition).thenComparing(g -> g.key)
                : Comparator.comparing((Group g) -> g.key));
        List<ShapeNode> nodes = new ArrayList<>(sorted.size());
        for (Group group : sorted) {
            List<List<SpanData>> next = new ArrayList<>(group.spans.size());
            for (SpanData span : group.spans) {
                next.add(childrenOf.getOrDefault(span, List.of()));
            }
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int count : group.perOccurrence) {
                min = Math.min(min, count);
                max = Math.max(max, count);
            }
            nodes.add(new ShapeNode(group.key, group.spans.size(), min, max, merge(next, depth + 1)));
        }
        return nodes;
    }

    /** One node counting all spans under each occurrence, below the depth limit. */
    private List<ShapeNode> deeperSpans(List<List<SpanData>> occurrences) {
        int total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<SpanData> children : occurrences) {
            int count = 0;
            ArrayDeque<SpanData> pending = new ArrayDeque<>(children);
            while (!pending.isEmpty()) { // iterative: the spans below may nest thousands deep
                count++;
                pending.addAll(childrenOf.getOrDefault(pending.pop(), List.of()));
            }
            total += count;
            min = Math.min(min, count);
            max = Math.max(max, count);
        }
        if (total == 0) {
            return List.of();
        }
        return List.of(new ShapeNode(NodeKey.of(ShapeOptions.DEEPER_SPANS, SpanKind.INTERNAL),
                total, min, max, List.of()));
    }

    private NodeKey keyOf(SpanData span) {
        return keys.computeIfAbsent(span, this::computeKey);
    }

    private NodeKey computeKey(SpanData span) {
        Map<String, Object> raw = new HashMap<>();
        span.getAttributes().forEach((AttributeKey<?> key, Object value) -> {
            if (sourceKeys.contains(key.getKey()) && value != null) {
                raw.put(key.getKey(), value);
            }
        });
        Redactor redactor = options.redactor();
        TreeMap<String, String> attributes = new TreeMap<>();
        for (KeyAttribute key : options.keyAttributes()) {
            for (String source : key.sources()) {
                Object value = raw.get(source);
                if (value != null) {
                    attributes.put(key.label(), key.value(String.valueOf(value), redactor));
                    break;
                }
            }
        }
        String name = names.computeIfAbsent(span.getName(), n -> Normalizer.identifiers(redactor.redact(n)));
        return new NodeKey(name, span.getKind(), attributes);
    }

    private static String id(String traceId, String spanId) {
        return traceId + '/' + spanId;
    }

    /** The spans of one key under all occurrences of the parent. */
    private static final class Group {
        final NodeKey key;
        final List<SpanData> spans = new ArrayList<>();
        final int[] perOccurrence;
        int firstPosition = Integer.MAX_VALUE;

        Group(NodeKey key, int occurrences) {
            this.key = key;
            this.perOccurrence = new int[occurrences];
        }

        void add(SpanData span, int occurrence, int position) {
            spans.add(span);
            perOccurrence[occurrence]++;
            firstPosition = Math.min(firstPosition, position);
        }
    }
}
