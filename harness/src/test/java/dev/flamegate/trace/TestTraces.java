package dev.flamegate.trace;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real spans from an SDK with an in-memory exporter and a fake clock, for shape tests. */
final class TestTraces implements AutoCloseable {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    private final Tracer tracer = provider.get("test");
    private long clock = 1_000;

    /** Key/value pairs; numbers given as Long stay long attributes. */
    static Attributes attrs(Object... keyValues) {
        AttributesBuilder builder = Attributes.builder();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object value = keyValues[i + 1];
            if (value instanceof Long l) {
                builder.put(key, l);
            } else if (value instanceof Integer n) {
                builder.put(key, n.longValue());
            } else {
                builder.put(key, String.valueOf(value));
            }
        }
        return builder.build();
    }

    /** Runs {@code body} inside a new span, child of the current one. */
    void span(String name, SpanKind kind, Attributes attributes, Runnable body) {
        Span span = tracer.spanBuilder(name).setSpanKind(kind).setAllAttributes(attributes)
                .setStartTimestamp(clock++, TimeUnit.MILLISECONDS).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            body.run();
        } finally {
            span.end(clock++, TimeUnit.MILLISECONDS);
        }
    }

    void span(String name, SpanKind kind, Attributes attributes) {
        span(name, kind, attributes, () -> { });
    }

    void span(String name, Runnable body) {
        span(name, SpanKind.INTERNAL, Attributes.empty(), body);
    }

    void span(String name) {
        span(name, SpanKind.INTERNAL, Attributes.empty());
    }

    /** Runs {@code body} with no current span, so that its spans start a new trace. */
    void newTrace(Runnable body) {
        try (Scope ignored = Context.root().makeCurrent()) {
            body.run();
        }
    }

    List<SpanData> finished() {
        return exporter.getFinishedSpanItems();
    }

    void reset() {
        exporter.reset();
    }

    TraceShape shape() {
        return TraceShape.of(finished());
    }

    TraceShape shape(ShapeOptions options) {
        return TraceShape.of(finished(), options);
    }

    @Override
    public void close() {
        provider.close();
    }
}
