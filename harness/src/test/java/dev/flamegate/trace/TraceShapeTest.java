package dev.flamegate.trace;

import static dev.flamegate.trace.TestTraces.attrs;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TraceShapeTest {

    private final TestTraces traces = new TestTraces();

    @AfterEach
    void close() {
        traces.close();
    }

    private void orderRequest(long orderId, int lines) {
        traces.span("GET /orders/" + orderId, SERVER,
                attrs("http.request.method", "GET", "http.route", "/orders/{id}", "http.response.status_code", 200L), () -> {
                    traces.span("cache.get");
                    for (int line = 0; line < lines; line++) {
                        traces.span("SELECT orders", CLIENT, attrs("db.system", "postgresql", "db.operation", "SELECT",
                                "db.statement", "SELECT * FROM order_lines WHERE order_id = " + orderId + " AND n = " + line));
                    }
                });
    }

    @Test
    void rendersMergedSiblingsSortedByKeyWithCounts() {
        orderRequest(123, 3);

        assertThat(traces.shape().render()).isEqualTo("""
                GET /orders/{n} [server] {http.request.method=GET, http.response.status_code=2xx, http.route=/orders/{id}}
                  SELECT orders [client] {db.operation.name=SELECT, db.query.text=SELECT * FROM order_lines WHERE order_id = ? AND n = ?, db.system.name=postgresql} ×3
                  cache.get [internal]
                """);
    }

    @Test
    void sameWorkloadWithOtherIdsGivesAnEqualShape() {
        orderRequest(123, 3);
        TraceShape first = traces.shape();
        traces.reset();
        orderRequest(98765, 3);

        assertThat(traces.shape()).isEqualTo(first);
    }

    @Test
    void inputOrderDoesNotMatter() {
        orderRequest(1, 2);
        traces.newTrace(() -> orderRequest(2, 5));
        List<SpanData> spans = new ArrayList<>(traces.finished());
        TraceShape expected = TraceShape.of(spans);
        Collections.shuffle(spans, new Random(42));

        assertThat(TraceShape.of(spans)).isEqualTo(expected);
        assertThat(TraceShape.of(spans).render()).isEqualTo(expected.render());
    }

    @Test
    void rootsOfSeveralTracesMergeAndChildrenKeepPerParentCounts() {
        orderRequest(1, 1);
        traces.newTrace(() -> orderRequest(2, 1));
        traces.newTrace(() -> orderRequest(3, 4));

        TraceShape shape = traces.shape();

        ShapeNode root = shape.roots().get(0);
        assertThat(shape.roots()).hasSize(1);
        assertThat(root.total()).isEqualTo(3);
        ShapeNode query = root.children().get(0);
        assertThat(query.total()).isEqualTo(6);
        assertThat(query.minPerParent()).isEqualTo(1);
        assertThat(query.maxPerParent()).isEqualTo(4);
        assertThat(shape.render()).isEqualTo("""
                GET /orders/{n} [server] {http.request.method=GET, http.response.status_code=2xx, http.route=/orders/{id}} ×3
                  SELECT orders [client] {db.operation.name=SELECT, db.query.text=SELECT * FROM order_lines WHERE order_id = ? AND n = ?, db.system.name=postgresql} ×1..4
                  cache.get [internal] ×3
                """.replace("cache.get [internal] ×3", "cache.get [internal]"));
        assertThat(shape.spanCount()).isEqualTo(3 + 6 + 3);
    }

    @Test
    void childrenOfMergedSiblingsMergeAndAbsenceCountsAsZero() {
        traces.span("batch", () -> {
            traces.span("item", () -> traces.span("validate"));
            traces.span("item", () -> { });
            traces.span("item", () -> {
                traces.span("validate");
                traces.span("validate");
            });
        });

        ShapeNode item = traces.shape().roots().get(0).children().get(0);
        ShapeNode validate = item.children().get(0);

        assertThat(item.total()).isEqualTo(3);
        assertThat(validate.total()).isEqualTo(3);
        assertThat(validate.minPerParent()).isZero();
        assertThat(validate.maxPerParent()).isEqualTo(2);
        assertThat(traces.shape().render()).isEqualTo("""
                batch [internal]
                  item [internal] ×3
                    validate [internal] ×0..2
                """);
    }

    @Test
    void spansWhoseParentIsMissingAreRoots() {
        traces.span("request", () -> traces.span("child", () -> traces.span("grandchild")));
        List<SpanData> withoutRequest = traces.finished().stream().filter(s -> !s.getName().equals("request")).toList();

        assertThat(TraceShape.of(withoutRequest).render()).isEqualTo("""
                child [internal]
                  grandchild [internal]
                """);
    }

    @Test
    void differentKeyAttributesMakeDifferentSiblings() {
        traces.span("root", () -> {
            traces.span("query", CLIENT, attrs("db.sql.table", "orders"));
            traces.span("query", CLIENT, attrs("db.collection.name", "customers"));
            traces.span("query", CLIENT, attrs("db.sql.table", "orders", "unrelated.attribute", "x"));
        });

        assertThat(traces.shape().render()).isEqualTo("""
                root [internal]
                  query [client] {db.collection.name=customers}
                  query [client] {db.collection.name=orders} ×2
                """);
    }

    @Test
    void configuredKeyAttributesReplaceTheDefaults() {
        traces.span("job", SERVER, attrs("tenant", "acme", "http.method", "POST"));

        ShapeOptions options = ShapeOptions.defaults()
                .withKeyAttributes(List.of(KeyAttribute.of("tenant", KeyAttribute.ValueRule.VERBATIM)));

        assertThat(traces.shape(options).render()).isEqualTo("job [server] {tenant=acme}\n");
    }

    @Test
    void httpAndMessagingAndRpcDefaults() {
        traces.span("POST /pay", SERVER, attrs("http.method", "POST", "http.status_code", 503L), () -> {
            traces.span("orders publish", io.opentelemetry.api.trace.SpanKind.PRODUCER,
                    attrs("messaging.system", "kafka", "messaging.operation", "publish",
                            "messaging.destination.name", "orders-42"));
            traces.span("Pay/Charge", CLIENT, attrs("rpc.system", "grpc", "rpc.service", "Pay", "rpc.method", "Charge"));
        });

        assertThat(traces.shape().render()).isEqualTo("""
                POST /pay [server] {http.request.method=POST, http.response.status_code=5xx}
                  Pay/Charge [client] {rpc.method=Charge, rpc.service=Pay, rpc.system=grpc}
                  orders publish [producer] {messaging.destination.name=orders-{n}, messaging.operation.type=publish, messaging.system=kafka}
                """);
    }

    @Test
    void orderMattersKeepsFirstOccurrenceOrder() {
        traces.span("root", () -> {
            traces.span("zeta");
            traces.span("alpha");
            traces.span("zeta");
        });
        ShapeOptions ordered = ShapeOptions.defaults().withOrderMatters(true);

        assertThat(traces.shape(ordered).render()).isEqualTo("""
                root [internal]
                  zeta [internal] ×2
                  alpha [internal]
                """);
        assertThat(traces.shape(ordered).ordered()).isTrue();
        assertThat(traces.shape().render()).isEqualTo("""
                root [internal]
                  alpha [internal]
                  zeta [internal] ×2
                """);
    }

    @Test
    void emptyInputGivesTheEmptyShape() {
        assertThat(TraceShape.of(List.of())).isEqualTo(TraceShape.empty());
        assertThat(TraceShape.empty().isEmpty()).isTrue();
        assertThat(TraceShape.empty().render()).isEmpty();
    }

    @Test
    void renderingEscapesControlCharactersAndCutsLongNames() {
        traces.span("evil\n\u001b[31mname");
        traces.newTrace(() -> traces.span("x".repeat(10_000)));

        String text = traces.shape().render();

        assertThat(text.lines()).hasSize(2);
        assertThat(text).contains("evil\\n\\u001b[31mname [internal]");
        assertThat(text).contains("…(+9800 chars)");
    }

    @Test
    void repeatedSpanInTheInputCountsOnce() {
        traces.span("once");
        List<SpanData> twice = new ArrayList<>(traces.finished());
        twice.addAll(traces.finished());

        assertThat(TraceShape.of(twice).render()).isEqualTo("once [internal]\n");
    }

    @Test
    void statusCodeWithoutThreeDigitsStaysAsItIs() {
        traces.span("odd", SERVER, Attributes.builder().put("http.response.status_code", "teapot").build());

        assertThat(traces.shape().render()).isEqualTo("odd [server] {http.response.status_code=teapot}\n");
    }

    @Test
    void repeatedCallsWithinOneShape() {
        orderRequest(1, 5);
        traces.newTrace(() -> orderRequest(2, 1));

        TraceShape shape = traces.shape();

        assertThat(shape.repeatedCalls(3)).singleElement().satisfies(node -> {
            assertThat(node.name()).isEqualTo("SELECT orders");
            assertThat(node.maxPerParent()).isEqualTo(5);
        });
        assertThat(shape.repeatedCalls(2)).extracting(ShapeNode::name)
                .containsExactly("GET /orders/{n}", "SELECT orders");
        assertThat(shape.repeatedCalls(6)).isEmpty();
    }
}
