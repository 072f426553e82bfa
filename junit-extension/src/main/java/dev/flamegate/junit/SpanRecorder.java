package dev.flamegate.junit;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures the spans of a profiled test in memory: an OpenTelemetry SDK exporting synchronously into an
 * {@link InMemorySpanExporter}, installed as {@link GlobalOpenTelemetry} while the test runs and the earlier
 * global restored on {@link #close()}. Code that looked up its {@code Tracer} from the global before the test
 * started keeps the old one; inject {@link OpenTelemetry} or {@link Tracer} into the test instead.
 */
final class SpanRecorder implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    static final String INSTRUMENTATION = "dev.flamegate.junit";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk;
    private final OpenTelemetry previous;

    private SpanRecorder() {
        previous = GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                .build();
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(sdk);
    }

    /** Installs a fresh capture as the global OpenTelemetry. */
    static SpanRecorder install() {
        return new SpanRecorder();
    }

    OpenTelemetry openTelemetry() {
        return sdk;
    }

    Tracer tracer() {
        return sdk.getTracer(INSTRUMENTATION);
    }

    /** The spans finished since the last {@link #reset()}, in the order they ended. */
    List<SpanData> finishedSpans() {
        return exporter.getFinishedSpanItems();
    }

    void reset() {
        exporter.reset();
    }

    @Override
    public void close() {
        GlobalOpenTelemetry.resetForTest();
        if (previous != null) {
            GlobalOpenTelemetry.set(previous);
        }
        sdk.getSdkTracerProvider().close();
    }
}
