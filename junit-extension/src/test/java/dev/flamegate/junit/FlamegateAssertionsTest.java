package dev.flamegate.junit;

import static dev.flamegate.junit.FlamegateAssertions.assertThatSpans;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlamegateAssertionsTest {

    private final Profile profile = Profile.builder(Event.CPU)
            .add("main;com.acme.Pricing.quote;com.acme.Pricing.parse", 30)
            .add("main;com.acme.Pricing.quote", 10)
            .add("main;com.acme.Report.render", 60)
            .build();

    @Test
    void frameShareWithinTheBoundPasses() {
        FlamegateAssertions.assertThat(profile).frame("com.acme.Pricing.quote").hasTotalShareBelow(0.41).hasSelfShareBelow(0.11);
        FlamegateAssertions.assertThat(profile).frame("com.acme.Other").isAbsent();
    }

    @Test
    void frameShareAboveTheBoundFailsNamingFrameShareAndBound() {
        assertThatThrownBy(() -> FlamegateAssertions.assertThat(profile).frame("com.acme.Pricing.quote").hasTotalShareBelow(0.3))
                .isInstanceOf(AssertionError.class)
                .hasMessage(("%nExpecting frame:%n  com.acme.Pricing.quote%nto take less than 30.0%% of the cpu profile in total,"
                        + " but it takes 40.0%%").formatted());
    }

    @Test
    void invalidBoundsAreIllegalArguments() {
        assertThatThrownBy(() -> FlamegateAssertions.assertThat(profile).frame("x").hasTotalShareBelow(30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a share bound is a fraction in (0, 1], e.g. 0.3 for 30 %, was 30.0");
    }

    private static Measurement allocating(double... perRound) {
        List<Round> rounds = new java.util.ArrayList<>();
        for (int i = 0; i < perRound.length; i++) {
            rounds.add(new Round(i, 1, Map.of(Metric.ALLOCATED_BYTES, perRound[i]), Map.of(), List.of()));
        }
        return new Measurement("a#b", "A.b", Environment.current("none"), rounds);
    }

    @Test
    void allocationBoundUsesTheMedianRound() {
        FlamegateAssertions.assertThat(allocating(1000, 5000, 900)).allocatesPerInvocationAtMost(1024);
        assertThatThrownBy(() -> FlamegateAssertions.assertThat(allocating(2000, 2048, 100)).allocatesPerInvocationAtMost(1024))
                .isInstanceOf(AssertionError.class)
                .hasMessage(("%nExpecting A.b%nto allocate at most 1,024 bytes per invocation, but it did 2,000"
                        + " (median of 3 rounds: [2000.0, 2048.0, 100.0])").formatted());
    }

    @Test
    void repeatedSiblingSpansAreAnNPlusOnePattern() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        List<SpanData> spans;
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            Tracer tracer = provider.get("test");
            Span root = tracer.spanBuilder("quote").startSpan();
            try (Scope scope = root.makeCurrent()) {
                tracer.spanBuilder("SELECT price").startSpan().end();
                tracer.spanBuilder("SELECT price").startSpan().end();
                tracer.spanBuilder("SELECT tax").startSpan().end();
            } finally {
                root.end();
            }
            spans = exporter.getFinishedSpanItems(); // before close: shutting down clears the exporter
        }
        assertThatSpans(spans).hasNoRepeatedCallsOf("SELECT tax");
        assertThatThrownBy(() -> assertThatSpans(spans).hasNoRepeatedCallsOf("SELECT price"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("%nExpecting spans%nto call SELECT price at most once per parent, but found:%n  2x SELECT price under quote".formatted());
        assertThatThrownBy(() -> assertThatSpans(spans).hasNoRepeatedCalls()).isInstanceOf(AssertionError.class);
    }
}
