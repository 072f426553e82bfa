package dev.flamegate.trace;

import dev.flamegate.redact.Redactor;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Invariants of shapes over generated span forests made with a real SDK. */
class TraceShapePropertiesTest {

    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();
    private static final SdkTracerProvider PROVIDER = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER)).build();
    private static final List<String> NAMES = List.of("GET /a/1", "GET /a/22", "query", "cache", "b");

    /** One span: its parent (an earlier span, or none when negative), name and kind. */
    record Planned(int parent, int name, boolean client) {
    }

    @AfterContainer
    static void close() {
        PROVIDER.close();
    }

    @Provide
    Arbitrary<List<Planned>> forests() {
        return Arbitraries.integers().between(1, 40).flatMap(size -> {
            List<Arbitrary<Planned>> spans = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                spans.add(Combinators.combine(Arbitraries.integers().between(-1, i - 1),
                        Arbitraries.integers().between(0, NAMES.size() - 1), Arbitraries.of(true, false))
                        .as(Planned::new));
            }
            return Combinators.combine(spans).as(ArrayList::new);
        });
    }

    /** Real spans for the plan; each span starts at its index, so order is well defined. */
    private static synchronized List<SpanData> spans(List<Planned> plan) {
        EXPORTER.reset();
        Tracer tracer = PROVIDER.get("p");
        List<Span> made = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Planned planned = plan.get(i);
            Context parent = planned.parent() < 0 ? Context.root() : Context.root().with(made.get(planned.parent()));
            made.add(tracer.spanBuilder(NAMES.get(planned.name())).setParent(parent)
                    .setSpanKind(planned.client() ? SpanKind.CLIENT : SpanKind.INTERNAL)
                    .setStartTimestamp(1_000 + i, TimeUnit.MILLISECONDS).startSpan());
        }
        made.forEach(Span::end);
        return EXPORTER.getFinishedSpanItems();
    }

    @Property(tries = 100)
    void shapeIgnoresInputOrderAndCountsEverySpan(@ForAll("forests") List<Planned> plan, @ForAll long seed) {
        List<SpanData> spans = new ArrayList<>(spans(plan));
        List<SpanData> shuffled = new ArrayList<>(spans);
        Collections.shuffle(shuffled, new Random(seed));
        ShapeOptions ordered = ShapeOptions.defaults().withOrderMatters(true);

        assertThat(TraceShape.of(shuffled)).isEqualTo(TraceShape.of(spans));
        assertThat(TraceShape.of(shuffled, ordered)).isEqualTo(TraceShape.of(spans, ordered));
        assertThat(TraceShape.of(spans).spanCount()).isEqualTo(plan.size());
    }

    @Property(tries = 100)
    void jsonRoundTripsAndSelfDiffIsEmpty(@ForAll("forests") List<Planned> plan) {
        TraceShape shape = TraceShape.of(spans(plan));

        assertThat(TraceShapeJson.read(TraceShapeJson.write(shape), "generated")).isEqualTo(shape);
        assertThat(ShapeDiff.between(shape, shape).isEmpty()).isTrue();
    }

    @Property(tries = 100)
    void diffIsEmptyExactlyWhenShapesAreEqual(@ForAll("forests") List<Planned> a, @ForAll("forests") List<Planned> b) {
        TraceShape before = TraceShape.of(spans(a));
        TraceShape after = TraceShape.of(spans(b));

        assertThat(ShapeDiff.between(before, after).isEmpty()).isEqualTo(before.equals(after));
        assertThat(ShapeDiff.between(before, after).render()).isEqualTo(ShapeDiff.between(before, after).render());
    }

    @Property(tries = 300)
    void normalisingTwiceChangesNothingMore(@ForAll("texts") String text) {
        String names = Normalizer.identifiers(text);
        String statement = Normalizer.statement(text);

        assertThat(Normalizer.identifiers(names)).isEqualTo(names);
        assertThat(Normalizer.statement(statement)).isEqualTo(statement);
        assertThat(Redactor.defaults().redact(text)).isNotNull();
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab19 xX'\"-_/(),=?$.:@\n").ofMaxLength(40);
    }
}
