package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.samples.RegressionSwitch.Kind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the data path must do on every database: store and load orders with one join, the {@code nplus1}
 * regression returning the same data with a query per line, every statement in a database span.
 */
abstract class DataPathContract {

    /** The database under test (fresh for every call). */
    abstract SampleDatabase database();

    /** The expected {@code db.system.name}. */
    abstract String expectedSystem();

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();

    private final Catalogue catalogue = SampleData.catalogue(50);
    private final List<Order> orders = SampleData.orders(100, 3, 8, 50);

    @Test
    void storesAndLoadsOrdersWithOneJoinInDatabaseSpans() throws Exception {
        try (OrderService service = OrderService.create(otel, catalogue, database(), 2, RegressionSwitch.NONE)) {
            for (Order o : orders) {
                service.placeOrder(o);
            }
            spans.reset();
            OrderRepository.LoadedOrder loaded = service.loadOrder(101).orElseThrow();
            assertThat(loaded.order()).isEqualTo(orders.get(1));
            assertThat(loaded.products()).extracting(Product::sku)
                    .containsExactlyElementsOf(orders.get(1).lines().stream().map(OrderLine::sku).toList());
            assertThat(loaded.products()).allSatisfy(p -> assertThat(p).isEqualTo(catalogue.product(p.sku())));
            assertThat(service.loadOrder(999)).isEmpty();
        }
        List<SpanData> first = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(spans.getFinishedSpanItems().get(0).getTraceId())).toList();
        assertThat(first).extracting(SpanData::getName).containsExactlyInAnyOrder("SELECT orders", "OrderService.loadOrder");
        SpanData select = first.stream().filter(s -> s.getName().equals("SELECT orders")).findFirst().orElseThrow();
        SpanData parent = first.stream().filter(s -> s.getName().equals("OrderService.loadOrder")).findFirst().orElseThrow();
        assertThat(select.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo(expectedSystem());
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.operation.name"))).isEqualTo("SELECT");
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.collection.name"))).isEqualTo("orders");
        assertThat(select.getAttributes().get(AttributeKey.stringKey("db.query.text"))).contains("JOIN products");
    }

    @Test
    void placingAnOrderIsTwoInsertSpans() throws Exception {
        try (OrderService service = OrderService.create(otel, catalogue, database(), 2, RegressionSwitch.NONE)) {
            spans.reset();
            service.placeOrder(orders.get(0));
        }
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                .containsExactly("INSERT orders", "INSERT order_lines", "OrderService.placeOrder");
    }

    @Test
    void nPlusOneRegressionReturnsTheSameDataWithAQueryPerLine() throws Exception {
        OrderRepository.LoadedOrder joined;
        OrderRepository.LoadedOrder perLine;
        try (OrderService a = OrderService.create(otel, catalogue, database(), 2, RegressionSwitch.NONE)) {
            a.placeOrder(orders.get(2));
            joined = a.loadOrder(102).orElseThrow();
        }
        try (OrderService b = OrderService.create(otel, catalogue, database(), 2, new RegressionSwitch(Kind.NPLUS1, 0))) {
            b.placeOrder(orders.get(2));
            spans.reset();
            perLine = b.loadOrder(102).orElseThrow();
        }
        assertThat(perLine).isEqualTo(joined);
        assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                .filteredOn("SELECT products"::equals).hasSize(orders.get(2).lines().size());
    }
}
