package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeComparisonTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()
            .get("test");

    @TempDir
    Path dir;

    /** One invocation of a request handler that loads {@code orders} orders with one query or one per order. */
    private List<SpanData> listOrders(boolean batched, int orders) {
        exporter.reset();
        Span server = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "GET").setAttribute("http.route", "/orders").startSpan();
        try (Scope ignored = server.makeCurrent()) {
            query("SELECT * FROM orders LIMIT 10");
            if (batched) {
                query("SELECT * FROM order_lines WHERE order_id IN (1, 2, 3)");
            } else {
                for (int id = 0; id < orders; id++) {
                    query("SELECT * FROM order_lines WHERE order_id = " + id);
                }
            }
        } finally {
            server.end();
        }
        return exporter.getFinishedSpanItems();
    }

    private void query(String sql) {
        tracer.spanBuilder("SELECT").setSpanKind(SpanKind.CLIENT).setAttribute("db.system.name", "postgresql")
                .setAttribute("db.query.text", sql).startSpan().end();
    }

    private Measurement run(Environment env, List<List<SpanData>> spansPerRound) {
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < spansPerRound.size(); r++) {
            rounds.add(new Round(r, 1, Map.of(Metric.CPU_TIME, 1000.0 + r), Map.of(), spansPerRound.get(r)));
        }
        return new Measurement("OrdersTest#list", "OrdersTest.list", env, rounds);
    }

    private Measurement run(boolean batched) {
        List<List<SpanData>> spans = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            spans.add(listOrders(batched, 8));
        }
        return run(SyntheticRuns.ENV, spans);
    }

    private static Baseline baseline(Measurement m) {
        return Baseline.from(m, BaselineOptions.defaults());
    }

    @Test
    void nPlusOneQueriesAreARegressionWithTheShapeDiff() {
        Comparison c = BaselineComparator.compare(Optional.of(baseline(run(true))), run(false), CompareSettings.defaults());

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.shapeChanged()).isTrue();
        assertThat(c.shapeDiff()).isNotBlank().contains("×8");
        assertThat(c.metric("cpu.time").orElseThrow().status()).isEqualTo(MetricChange.Status.UNCHANGED);
        // The headline names the repeated query, not the driver frames it runs in.
        assertThat(c.headline()).startsWith("REGRESSION OrdersTest.list: repeated call (N+1): SELECT * FROM order_lines WHERE"
                + " order_id = ? ×1 → ×8 per GET /orders");
        assertThat(c.findings()).filteredOn(f -> f.kind() == Finding.Kind.REPEATED_CALL).singleElement()
                .satisfies(f -> assertThat(f.after()).isEqualTo(8));
        assertThat(c.describe()).contains("Trace shape changed:");
    }

    @Test
    void sameShapePasses() {
        Comparison c = BaselineComparator.compare(Optional.of(baseline(run(true))), run(true), CompareSettings.defaults());

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.shapeChanged()).isFalse();
        assertThat(c.shapeDiff()).isEmpty();
    }

    @Test
    void allowedShapeChangePassesWithANote() {
        CompareSettings allow = CompareSettings.defaults().withOverrides(k -> k.equals("allowShapeChange") ? "true" : null);
        Comparison c = BaselineComparator.compare(Optional.of(baseline(run(true))), run(false), allow);

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.shapeChanged()).isTrue();
        assertThat(c.notes()).contains("the trace shape changed; allowed by allowShapeChange");
    }

    @Test
    void roundsThatDisagreeAreNondeterminismNotRegression() {
        List<List<SpanData>> spans = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            spans.add(listOrders(r != 2, 3)); // round 3 does one query per order: the rounds disagree there
        }
        Comparison c = BaselineComparator.compare(Optional.of(baseline(run(true))), run(SyntheticRuns.ENV, spans),
                CompareSettings.defaults());

        assertThat(c.verdict()).isEqualTo(Verdict.PASS);
        assertThat(c.shapeChanged()).isFalse();
        assertThat(c.findings()).filteredOn(f -> f.kind() == Finding.Kind.NONDETERMINISM).singleElement()
                .satisfies(f -> assertThat(f.summary()).startsWith("4 of 5 rounds had the same trace shape"));
    }

    @Test
    void shapeChangeFailsEvenWhenTheEnvironmentDiffers() {
        Environment jdk21 = new Environment("Acme", "21.0.1", "Linux", "amd64", 2, "async-profiler/cpu", "dev");
        List<List<SpanData>> spans = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            spans.add(listOrders(false, 8));
        }
        Comparison c = BaselineComparator.compare(Optional.of(baseline(run(true))), run(jdk21, spans), CompareSettings.defaults());

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.environmentMismatches()).isNotEmpty();
    }

    @Test
    void shapeIsStoredReviewablyAndLoadsEqual() {
        BaselineStore store = BaselineStore.at(dir);
        Baseline baseline = baseline(run(false));
        store.save(baseline);

        assertThat(store.load("OrdersTest#list")).contains(baseline);
        assertThat(baseline.traceShape()).isPresent();
        assertThat(store.directoryOf("OrdersTest#list").resolve("trace-shape.txt")).content().contains("GET /orders")
                .contains("×8");
        assertThat(store.directoryOf("OrdersTest#list").resolve("baseline.json")).content()
                .contains("\"traceShape\" : \"trace-shape.json\"");
    }
}
