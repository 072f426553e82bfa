package dev.flamegate.trace;

import static dev.flamegate.trace.TestTraces.attrs;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShapeDiffTest {

    private final TestTraces traces = new TestTraces();

    @AfterEach
    void close() {
        traces.close();
    }

    private TraceShape shapeOf(Consumer<TestTraces> workload) {
        return shapeOf(workload, ShapeOptions.defaults());
    }

    private TraceShape shapeOf(Consumer<TestTraces> workload, ShapeOptions options) {
        traces.reset();
        workload.accept(traces);
        return traces.shape(options);
    }

    private static void listOrders(TestTraces t, boolean batched, int orders) {
        t.span("GET /orders", SERVER, attrs("http.request.method", "GET", "http.route", "/orders"), () -> {
            t.span("SELECT orders", CLIENT, attrs("db.system.name", "postgresql",
                    "db.query.text", "SELECT * FROM orders LIMIT " + orders));
            if (batched) {
                t.span("SELECT order_lines", CLIENT, attrs("db.system.name", "postgresql",
                        "db.query.text", "SELECT * FROM order_lines WHERE order_id IN (1, 2, 3)"));
            } else {
                for (int id = 0; id < orders; id++) {
                    t.span("SELECT order_lines", CLIENT, attrs("db.system.name", "postgresql",
                            "db.query.text", "SELECT * FROM order_lines WHERE order_id = " + id));
                }
            }
        });
    }

    @Test
    void sameShapeGivesAnEmptyDiff() {
        TraceShape before = shapeOf(t -> listOrders(t, true, 12));
        TraceShape after = shapeOf(t -> listOrders(t, true, 40));

        ShapeDiff diff = ShapeDiff.between(before, after);

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.render()).isEmpty();
    }

    @Test
    void nPlusOneIsAnAttributeAndCountChangeFlaggedAsRepeatedCall() {
        TraceShape before = shapeOf(t -> listOrders(t, true, 12));
        TraceShape after = shapeOf(t -> listOrders(t, false, 12));

        ShapeDiff diff = ShapeDiff.between(before, after);

        assertThat(diff.changes()).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo(ShapeChange.Type.CHANGED);
            assertThat(change.attributesChanged()).isTrue();
            assertThat(change.countChanged()).isTrue();
            assertThat(change.repeatedCall()).isTrue();
            assertThat(change.before().maxPerParent()).isEqualTo(1);
            assertThat(change.after().maxPerParent()).isEqualTo(12);
            assertThat(change.location()).containsExactly("GET /orders [server]", "SELECT order_lines [client]");
        });
        assertThat(diff.repeatedCalls()).hasSize(1);
        assertThat(diff.render()).isEqualTo("""
                  GET /orders [server] {http.request.method=GET, http.route=/orders}
                ~   SELECT order_lines [client] {db.query.text=SELECT * FROM order_lines WHERE order_id IN (?), db.system.name=postgresql} \
                → {db.query.text=SELECT * FROM order_lines WHERE order_id = ?, db.system.name=postgresql} ×1 → ×12  repeated call (N+1?)
                """);
    }

    @Test
    void countGrowthOfTheSameKeyIsARepeatedCall() {
        TraceShape before = shapeOf(t -> t.span("handler", () -> t.span("load", CLIENT, attrs())));
        TraceShape after = shapeOf(t -> t.span("handler", () -> {
            for (int i = 0; i < 5; i++) {
                t.span("load", CLIENT, attrs());
            }
        }));

        assertThat(ShapeDiff.between(before, after).render()).isEqualTo("""
                  handler [internal]
                ~   load [client] ×1 → ×5  repeated call (N+1?)
                """);
        assertThat(ShapeDiff.between(after, before).render()).isEqualTo("""
                  handler [internal]
                ~   load [client] ×5 → ×1
                """);
    }

    @Test
    void smallCountChangeIsNotARepeatedCall() {
        TraceShape two = shapeOf(t -> t.span("h", () -> { t.span("q"); t.span("q"); }));
        TraceShape three = shapeOf(t -> t.span("h", () -> { t.span("q"); t.span("q"); t.span("q"); }));

        ShapeDiff diff = ShapeDiff.between(two, three);

        assertThat(diff.changes()).singleElement().satisfies(c -> {
            assertThat(c.countChanged()).isTrue();
            assertThat(c.attributesChanged()).isFalse();
            assertThat(c.repeatedCall()).isFalse();
        });
        assertThat(diff.render()).isEqualTo("""
                  h [internal]
                ~   q [internal] ×2 → ×3
                """);
        TraceShape five = shapeOf(t -> t.span("h", () -> { for (int i = 0; i < 5; i++) { t.span("q"); } }));
        assertThat(ShapeDiff.between(two, five).repeatedCalls()).hasSize(1);
        assertThat(ShapeDiff.between(two, five, DiffOptions.defaults().withRepeatedCall(1, 3)).repeatedCalls()).isEmpty();
        assertThat(ShapeDiff.between(two, five, DiffOptions.defaults().withRepeatedCall(2, 6)).repeatedCalls()).isEmpty();
    }

    @Test
    void addedAndRemovedNodesComeWithTheirSubtreesUnderTheirContext() {
        TraceShape before = shapeOf(t -> t.span("api", SERVER, attrs(), () -> t.span("service", () -> {
            t.span("cache.get");
            t.span("legacy", () -> t.span("legacy.inner"));
        })));
        TraceShape after = shapeOf(t -> t.span("api", SERVER, attrs(), () -> t.span("service", () -> {
            t.span("cache.get");
            t.span("audit", CLIENT, attrs("http.request.method", "POST"), () -> t.span("serialize"));
            for (int i = 0; i < 4; i++) {
                t.span("fetch", CLIENT, attrs());
            }
        })));

        ShapeDiff diff = ShapeDiff.between(before, after);

        assertThat(diff.changes()).extracting(ShapeChange::type).containsExactly(
                ShapeChange.Type.ADDED, ShapeChange.Type.ADDED, ShapeChange.Type.REMOVED);
        assertThat(diff.render()).isEqualTo("""
                  api [server]
                    service [internal]
                +     audit [client] {http.request.method=POST}
                +       serialize [internal]
                +     fetch [client] ×4  repeated call (N+1?)
                -     legacy [internal]
                -       legacy.inner [internal]
                """);
    }

    @Test
    void changesBelowAChangedNodeShareItsLine() {
        TraceShape before = shapeOf(t -> t.span("root", SERVER, attrs("http.route", "/a"), () -> t.span("x")));
        TraceShape after = shapeOf(t -> t.span("root", SERVER, attrs("http.route", "/b"), () -> t.span("y")));

        assertThat(ShapeDiff.between(before, after).render()).isEqualTo("""
                ~ root [server] {http.route=/a} → {http.route=/b}
                +   y [internal]
                -   x [internal]
                """);
    }

    @Test
    void orderChangesOnlyWhenAsked() {
        ShapeOptions ordered = ShapeOptions.defaults().withOrderMatters(true);
        TraceShape before = shapeOf(t -> t.span("tx", () -> { t.span("validate"); t.span("charge"); t.span("ship"); }), ordered);
        TraceShape after = shapeOf(t -> t.span("tx", () -> { t.span("charge"); t.span("validate"); t.span("ship"); }), ordered);
        DiffOptions reportOrder = DiffOptions.defaults().withReportOrder(true);

        assertThat(ShapeDiff.between(before, after).isEmpty()).isTrue();
        ShapeDiff diff = ShapeDiff.between(before, after, reportOrder);
        assertThat(diff.changes(ShapeChange.Type.ORDER_CHANGED)).hasSize(1);
        assertThat(diff.render()).isEqualTo("""
                  tx [internal]
                ~   order: validate [internal], charge [internal], ship [internal] → charge [internal], validate [internal], ship [internal]
                """);
        assertThatThrownBy(() -> ShapeDiff.between(shapeOf(t -> t.span("tx")), after, reportOrder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withOrderMatters(true)");
    }

    @Test
    void withoutDropsChosenChanges() {
        TraceShape before = shapeOf(t -> t.span("h", () -> t.span("a")));
        TraceShape after = shapeOf(t -> t.span("h", () -> t.span("b")));

        ShapeDiff diff = ShapeDiff.between(before, after);

        assertThat(diff.changes()).hasSize(2);
        assertThat(diff.without(c -> c.type() == ShapeChange.Type.ADDED).changes())
                .singleElement().extracting(ShapeChange::type).isEqualTo(ShapeChange.Type.REMOVED);
    }

    @Test
    void rootsCanBeAddedAndRemoved() {
        TraceShape before = shapeOf(t -> t.span("old"));
        TraceShape after = TraceShape.empty();

        assertThat(ShapeDiff.between(before, after).render()).isEqualTo("- old [internal]\n");
        assertThat(ShapeDiff.between(after, before).render()).isEqualTo("+ old [internal]\n");
    }

    @Test
    void sameRangeWithAnotherTotalIsACountChange() {
        // three calls of "item" whose "q" children are 1, 1, 2 before and 1, 2, 2 after: same range 1..2
        TraceShape before = shapeOf(t -> t.span("h", () -> {
            t.span("item", () -> t.span("q"));
            t.span("item", () -> t.span("q"));
            t.span("item", () -> { t.span("q"); t.span("q"); });
        }));
        TraceShape after = shapeOf(t -> t.span("h", () -> {
            t.span("item", () -> t.span("q"));
            t.span("item", () -> { t.span("q"); t.span("q"); });
            t.span("item", () -> { t.span("q"); t.span("q"); });
        }));

        assertThat(before).isNotEqualTo(after);
        assertThat(ShapeDiff.between(before, after).render()).isEqualTo("""
                  h [internal]
                    item [internal]
                ~     q [internal] ×1..2 (4 in all) → ×1..2 (5 in all)
                """);
    }
}
