package dev.flamegate.junit;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the spans of one invocation. A <em>repeated call</em> is two or more sibling spans (same
 * parent) with the same name, the shape of an N+1 query.
 */
public class SpansAssert extends AbstractAssert<SpansAssert, List<SpanData>> {

    SpansAssert(List<SpanData> actual) {
        super(actual, SpansAssert.class);
    }

    /** Verifies no span name repeats under one parent. */
    public SpansAssert hasNoRepeatedCalls() {
        Map<String, Long> repeated = repeated(null);
        if (!repeated.isEmpty()) {
            failWithMessage("%nExpecting spans%nto have no repeated calls (same name under one parent), but found:%n%s",
                    describe(repeated));
        }
        return myself;
    }

    /** Verifies spans named {@code name} do not repeat under one parent. */
    public SpansAssert hasNoRepeatedCallsOf(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the span name must not be blank");
        }
        Map<String, Long> repeated = repeated(name);
        if (!repeated.isEmpty()) {
            failWithMessage("%nExpecting spans%nto call %s at most once per parent, but found:%n%s", name,
                    describe(repeated));
        }
        return myself;
    }

    /** "name under parent" → count, for counts of two or more. */
    private Map<String, Long> repeated(String only) {
        isNotNull();
        Map<String, String> names = actual.stream()
                .collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName, (a, b) -> a));
        Map<String, Long> counts = actual.stream()
                .filter(s -> only == null || s.getName().equals(only))
                .collect(Collectors.groupingBy(s -> s.getName() + " under "
                        + names.getOrDefault(s.getParentSpanId(), "(root)") + " [" + s.getParentSpanId() + "]",
                        TreeMap::new, Collectors.counting()));
        counts.values().removeIf(n -> n < 2);
        return counts;
    }

    private static String describe(Map<String, Long> repeated) {
        return repeated.entrySet().stream().map(e -> "  " + e.getValue() + "x " + e.getKey().replaceAll(" \\[[0-9a-f]+]$", ""))
                .collect(Collectors.joining("%n".formatted()));
    }
}
