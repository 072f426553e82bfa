package dev.flamegate.measure;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One measured slice of a run: one or more invocations of the workload after warm-up.
 *
 * <p>Statistics work on round-level values; a front end measures several rounds so that the noise
 * between rounds is measured rather than assumed.
 *
 * @param index 0-based position of the round in its run
 * @param invocations how many times the workload ran in this round (at least 1)
 * @param metrics per-invocation values of this round, e.g. {@link Metric#CPU_TIME}
 * @param profiles the profile of each recorded event over this round's invocations
 * @param spans the finished spans of the round's <em>first</em> invocation, as an
 *     {@code InMemorySpanExporter} returns them; empty when tracing was off or nothing was traced
 */
public record Round(int index, long invocations, Map<Metric, Double> metrics, Map<Event, Profile> profiles,
        List<SpanData> spans) {

    public Round {
        if (index < 0) {
            throw new IllegalArgumentException("round index must not be negative, was " + index);
        }
        if (invocations < 1) {
            throw new IllegalArgumentException("a round has at least one invocation, was " + invocations);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(profiles, "profiles")));
        spans = List.copyOf(spans);
        for (Map.Entry<Event, Profile> entry : profiles.entrySet()) {
            if (entry.getValue().event() != entry.getKey()) {
                throw new IllegalArgumentException("profile of " + entry.getValue().event() + " filed under " + entry.getKey());
            }
        }
        for (Map.Entry<Metric, Double> entry : metrics.entrySet()) {
            if (entry.getValue() == null || !Double.isFinite(entry.getValue())) {
                throw new IllegalArgumentException("metric " + entry.getKey().name() + " has no finite value: " + entry.getValue());
            }
        }
    }
}
