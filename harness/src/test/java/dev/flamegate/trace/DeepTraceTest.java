package dev.flamegate.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deep recursion in traced code: bounded depth, no stack overflow, JSON within Jackson's limits. */
class DeepTraceTest {

    /** {@code roots} traces, each a chain of {@code depth} nested "recurse" spans. */
    private static List<SpanData> chains(int roots, int depth) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            Tracer tracer = provider.get("t");
            for (int root = 0; root < roots; root++) {
                List<Span> open = new ArrayList<>();
                Context context = Context.root();
                for (int level = 0; level < depth + root; level++) { // each trace one level deeper
                    Span span = tracer.spanBuilder("recurse").setParent(context).startSpan();
                    open.add(span);
                    context = context.with(span);
                }
                for (int i = open.size() - 1; i >= 0; i--) {
                    open.get(i).end();
                }
            }
            return exporter.getFinishedSpanItems();
        }
    }

    @Test
    void spansBelowTheDepthLimitAreCountedIntoOneNode() {
        TraceShape shape = TraceShape.of(chains(2, 5), ShapeOptions.defaults().withMaxDepth(3));

        assertThat(shape.render()).isEqualTo("""
                recurse [internal] ×2
                  recurse [internal]
                    recurse [internal]
                      (deeper spans) [internal] ×2..3
                """);
        assertThat(shape.spanCount()).isEqualTo(5 + 6);
    }

    @Test
    void fiveThousandLevelsRoundTripThroughJsonAndDiff() {
        TraceShape shape = TraceShape.of(chains(1, 5_000));

        assertThat(shape.spanCount()).isEqualTo(5_000);
        assertThat(shape.render().lines()).hasSize(ShapeOptions.DEFAULT_MAX_DEPTH + 1);
        assertThat(TraceShapeJson.read(TraceShapeJson.write(shape), "deep.json")).isEqualTo(shape);
        assertThat(ShapeDiff.between(shape, shape).isEmpty()).isTrue();
    }

    @Test
    void depthOutsideTheSupportedRangeIsRefused() {
        assertThatThrownBy(() -> ShapeOptions.defaults().withMaxDepth(401))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be between 1 and 400, was 401");
    }

    @Test
    void jsonNestedBeyondJacksonsLimitIsInvalidInput() {
        String deep = "[".repeat(2_000) + "]".repeat(2_000);

        assertThatThrownBy(() -> TraceShapeJson.read(deep, "evil.json"))
                .isInstanceOf(dev.flamegate.InvalidInputException.class)
                .hasMessageStartingWith("evil.json: trace shape is not valid JSON: Document nesting depth");
    }
}
