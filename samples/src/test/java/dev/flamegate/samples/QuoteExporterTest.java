package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteExporterTest {

    private final List<Quote> quotes = SampleData.orders(1, 2, 3, OrderService.DEFAULT_CATALOGUE_SIZE).stream()
            .map(new PricingEngine(SampleData.catalogue(OrderService.DEFAULT_CATALOGUE_SIZE),
                    SampleData.pricingRules(RegressionSwitch.NONE))::quote)
            .toList();

    @Test
    void exportsJsonFollowedByItsChecksum() {
        QuoteExporter exporter = new QuoteExporter(RegressionSwitch.NONE);
        String exported = exporter.export(quotes);
        int newline = exported.lastIndexOf('\n');
        String json = exported.substring(0, newline);
        assertThat(json).startsWith("[{").contains("\"net\"", "\"applied\"");
        assertThat(exported.substring(newline + 1))
                .isEqualTo(Long.toHexString(exporter.checksum(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void slowChangesOnlyHowLongTheChecksumTakesNotItsShape() {
        byte[] bytes = "some quote document".getBytes(StandardCharsets.UTF_8);
        QuoteExporter normal = new QuoteExporter(RegressionSwitch.NONE);
        QuoteExporter slow = new QuoteExporter(RegressionSwitch.parse("slow:10"));
        // More passes give another hash value, so the same exporter must agree with itself, and differ from the slow one.
        assertThat(normal.checksum(bytes)).isEqualTo(normal.checksum(bytes)).isNotEqualTo(slow.checksum(bytes));
    }
}
