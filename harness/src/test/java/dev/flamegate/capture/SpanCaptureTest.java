package dev.flamegate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.trace.TraceShape;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock("io.opentelemetry.api.GlobalOpenTelemetry")
class SpanCaptureTest {

    @BeforeEach
    @AfterEach
    void clearGlobal() {
        GlobalOpenTelemetry.resetForTest();
    }

    /** A workload that traces through the global instance, as instrumented libraries do. */
    private static void workload(ExecutorService pool, int tasks) throws Exception {
        Tracer tracer = GlobalOpenTelemetry.getTracer("workload");
        Span parent = tracer.spanBuilder("handle").startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(() -> tracer.spanBuilder("task")
                        .setAttribute("thread", Thread.currentThread().getName()).startSpan().end()));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            parent.end();
        }
    }

    /** Runs {@link #workload} on a two-thread pool, wrapped for context propagation or not; returns the spans. */
    private static List<SpanData> captureOnPool(boolean propagateContext, int tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SpanCapture capture = SpanCapture.create().install()) {
            workload(propagateContext ? Context.taskWrapping(pool) : pool, tasks);
            return capture.finishedSpans();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void capturesGlobalSpansFromExecutorThreadsWithContextPropagation() throws Exception {
        List<SpanData> spans = captureOnPool(true, 4);

        assertThat(spans).hasSize(5);
        assertThat(spans).filteredOn(s -> s.getName().equals("task"))
                .allMatch(s -> s.getAttributes().get(AttributeKey.stringKey("thread")).startsWith("pool-"));
        assertThat(TraceShape.of(spans).render()).isEqualTo("""
                handle [internal]
                  task [internal] ×4
                """);
    }

    @Test
    void withoutContextPropagationExecutorSpansAreSeparateRoots() throws Exception {
        assertThat(TraceShape.of(captureOnPool(false, 3)).render()).isEqualTo("""
                handle [internal]
                task [internal] ×3
                """);
    }

    @Test
    void restoresThePreviousGlobalOnClose() {
        InMemorySpanExporter previousExporter = InMemorySpanExporter.create();
        OpenTelemetrySdk previous = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(previousExporter)).build()).build();
        GlobalOpenTelemetry.set(previous);

        try (SpanCapture capture = SpanCapture.create().install()) {
            GlobalOpenTelemetry.getTracer("t").spanBuilder("during").startSpan().end();
            assertThat(capture.finishedSpans()).extracting(SpanData::getName).containsExactly("during");
        }
        GlobalOpenTelemetry.getTracer("t").spanBuilder("after").startSpan().end();

        assertThat(previousExporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("after");
        previous.close();
    }

    @Test
    void leavesTheGlobalUnsetWhenItWasUnset() {
        try (SpanCapture capture = SpanCapture.create()) {
            capture.install();
            assertThat(GlobalOpenTelemetry.isSet()).isTrue();
            assertThat(capture.isInstalled()).isTrue();
        }
        assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    }

    @Test
    void tracerAndOpenTelemetryWorkWithoutInstalling() {
        try (SpanCapture capture = SpanCapture.create()) {
            capture.tracer("direct").spanBuilder("a").startSpan().end();
            capture.openTelemetry().getTracer("direct").spanBuilder("b").startSpan().end();

            assertThat(capture.finishedSpans()).extracting(SpanData::getName).containsExactly("a", "b");
            assertThat(GlobalOpenTelemetry.isSet()).isFalse();
        }
    }

    @Test
    void resetStartsANewWindow() {
        try (SpanCapture capture = SpanCapture.create()) {
            capture.tracer("t").spanBuilder("warm-up").startSpan().end();
            capture.reset();
            capture.tracer("t").spanBuilder("measured").startSpan().end();

            assertThat(capture.finishedSpans()).extracting(SpanData::getName).containsExactly("measured");
        }
    }

    @Test
    void secondInstalledCaptureIsRefusedUntilTheFirstCloses() {
        try (SpanCapture first = SpanCapture.create().install(); SpanCapture second = SpanCapture.create()) {
            assertThatThrownBy(second::install)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must not run in parallel");
            first.close();
            second.install();
            assertThat(second.isInstalled()).isTrue();
        }
        assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    }

    @Test
    void closedCaptureCannotBeInstalled() {
        SpanCapture capture = SpanCapture.create();
        capture.close();
        capture.close();

        assertThatThrownBy(capture::install).isInstanceOf(IllegalStateException.class).hasMessage("span capture is closed");
    }
}
