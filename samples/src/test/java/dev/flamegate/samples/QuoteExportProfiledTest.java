package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.junit.ProfiledTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * A profiled test as a user writes one first: the default {@code @ProfiledTest}, no tuning. Its body exports
 * twenty quotes as JSON (a new {@code ObjectMapper} per call) with a checksum; {@code -Dsamples.regression=slow:10}
 * makes the existing checksum method slower by about 10 % of the body's CPU, a change only time can show.
 */
class QuoteExportProfiledTest {

    private static List<Quote> quotes;

    @BeforeAll
    static void priceQuotes() {
        PricingEngine engine = new PricingEngine(SampleData.catalogue(OrderService.DEFAULT_CATALOGUE_SIZE),
                SampleData.pricingRules(RegressionSwitch.NONE));
        quotes = SampleData.orders(1, 20, 10, OrderService.DEFAULT_CATALOGUE_SIZE).stream().map(engine::quote).toList();
    }

    @ProfiledTest
    void exportsQuotes() {
        String exported = new QuoteExporter(RegressionSwitch.current()).export(quotes);
        assertThat(exported).startsWith("[{").contains("\"total\"");
    }
}
