package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();

    @Test
    void pooledWorkIsAChildOfTheCallersSpan() throws Exception {
        List<Order> orders = SampleData.orders(1, 6, 5, 100);
        try (OrderService service = OrderService.create(otel, SampleData.catalogue(100), SampleDatabase.h2(), 3,
                RegressionSwitch.NONE)) {
            spans.reset();
            List<Quote> quotes = service.quoteAll(orders);
            assertThat(quotes).extracting(Quote::order).containsExactlyElementsOf(orders);
            service.repriceConcurrently(orders);
        }
        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData quoteAll = byName(finished, "OrderService.quoteAll").get(0);
        List<SpanData> children = byName(finished, "price order");
        assertThat(children).hasSize(6).allSatisfy(child -> {
            assertThat(child.getParentSpanId()).isEqualTo(quoteAll.getSpanId());
            assertThat(child.getTraceId()).isEqualTo(quoteAll.getTraceId());
        });
        SpanData reprice = byName(finished, "OrderService.repriceConcurrently").get(0);
        assertThat(byName(finished, "reprice order")).hasSize(6)
                .allSatisfy(child -> assertThat(child.getParentSpanId()).isEqualTo(reprice.getSpanId()));
    }

    private static List<SpanData> byName(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }
}
