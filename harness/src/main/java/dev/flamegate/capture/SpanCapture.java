package dev.flamegate.capture;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records the spans a workload makes, in memory, for its {@code TraceShape}.
 *
 * <p>An OpenTelemetry SDK with a {@link SimpleSpanProcessor} (spans are exported synchronously when they
 * end, on the thread that ends them) into an {@link InMemorySpanExporter}. Code that is handed
 * {@link #openTelemetry()} or a {@link #tracer(String)} is captured; after {@link #install()}, so is code
 * that uses {@link GlobalOpenTelemetry}.
 *
 * <p><b>Global instance.</b> {@link #install()} does what opentelemetry-java's
 * {@code OpenTelemetryExtension} does ({@link GlobalOpenTelemetry#resetForTest()}, then
 * {@link GlobalOpenTelemetry#set}), but remembers a global that was already set and puts it back on
 * {@link #close()}, so a test suite that configured its own global keeps it. Tracers that code fetched
 * from the global <em>before</em> {@code install()} keep pointing to the old instance: obtain tracers in
 * the workload, or from this capture.
 *
 * <p><b>Threads.</b> Spans on other threads join the workload's trace when the OpenTelemetry
 * {@code Context} travels with the task, e.g. through an executor from
 * {@link io.opentelemetry.context.Context#taskWrapping(java.util.concurrent.ExecutorService)} or a task
 * from {@code Context.current().wrap(runnable)}; without it they start traces of their own and appear as
 * separate roots of the shape. Spans still open when {@link #finishedSpans()} is called are not in it.
 *
 * <p><b>Cross-talk.</b> While installed, the global instance belongs to this capture: every span made
 * through it anywhere in the JVM, also by unrelated tests running in parallel, lands here. flamegate
 * therefore runs profiled tests serially (never two installed captures at once: a second
 * {@code install()} fails) and {@link #reset() resets} the capture right before the workload window, so
 * a capture covers that window only. Unprofiled tests running concurrently must not trace through the
 * global instance, or their spans show up in the shape.
 *
 * <p>Not thread-safe to configure; {@link #finishedSpans()} may be called from any thread.
 */
public final class SpanCapture implements AutoCloseable {

    private static final AtomicReference<SpanCapture> INSTALLED = new AtomicReference<>();

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk;
    private OpenTelemetry previousGlobal;
    private boolean installed;
    private boolean closed;

    private SpanCapture() {
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
                .build();
    }

    /** A capture that is not yet installed as the global instance. */
    public static SpanCapture create() {
        return new SpanCapture();
    }

    /**
     * Makes this capture's SDK the {@link GlobalOpenTelemetry} until {@link #close()}.
     *
     * @return this capture
     * @throws IllegalStateException when another capture is installed, or this one is closed
     */
    public SpanCapture install() {
        if (closed) {
            throw new IllegalStateException("span capture is closed");
        }
        if (installed) {
            return this;
        }
        if (!INSTALLED.compareAndSet(null, this)) {
            throw new IllegalStateException("another span capture is installed as GlobalOpenTelemetry; "
                    + "profiled tests must not run in parallel (flamegate serialises them with a JUnit resource lock)");
        }
        // isSet() does not trigger autoconfiguration or set a no-op instance, get() would
        previousGlobal = GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
        GlobalOpenTelemetry.resetForTest();
        GlobalOpenTelemetry.set(sdk);
        installed = true;
        return this;
    }

    /** Whether this capture is the global instance now. */
    public boolean isInstalled() {
        return installed;
    }

    /** The capturing SDK, to hand to code under test. */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** A tracer of the capturing SDK. */
    public Tracer tracer(String instrumentationScopeName) {
        return sdk.getTracer(instrumentationScopeName);
    }

    /** The spans that ended since creation or the last {@link #reset()}, in the order they ended. */
    public List<SpanData> finishedSpans() {
        return exporter.getFinishedSpanItems();
    }

    /** Forgets the spans captured so far; call it right before the workload window. */
    public void reset() {
        exporter.reset();
    }

    /**
     * Restores the previous global instance (if installed) and shuts the SDK down, which also empties
     * {@link #finishedSpans()}: read the spans first. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (installed) {
                GlobalOpenTelemetry.resetForTest();
                if (previousGlobal != null) {
                    GlobalOpenTelemetry.set(previousGlobal);
                }
                installed = false;
                INSTALLED.compareAndSet(this, null);
            }
        } finally {
            sdk.close();
        }
    }
}
