package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.samples.RegressionSwitch.Kind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteDocumentWriterTest {

    private final Catalogue catalogue = Catalogue.of(List.of(
            new Product("SKU-1", "A book with a title far too long for its column", "books", new BigDecimal("10.00"))));
    private final Quote quote = new PricingEngine(catalogue, SampleData.pricingRules(RegressionSwitch.NONE))
            .quote(new Order(7, "C1", CustomerTier.GOLD, "DE", List.of(new OrderLine("SKU-1", 10))));

    @Test
    void rendersHeaderRowsAppliedRulesAndTotal() {
        String doc = new QuoteDocumentWriter(RegressionSwitch.NONE).render(quote);
        List<String> lines = doc.lines().toList();
        assertThat(lines.get(0)).isEqualTo("QUOTE for order 7 (customer C1, GOLD, region DE)");
        assertThat(lines.get(1)).startsWith("SKU       Product                    Qty");
        assertThat(lines.get(3)).isEqualTo("SKU-1     A book with a title far     10      100.00      -13.70       16.40      102.70");
        assertThat(lines.get(4)).contains("applied: books silver, books gold, books volume 10");
        assertThat(lines.get(lines.size() - 1)).startsWith("TOTAL").endsWith("102.70");
    }

    @Test
    void injectedAllocRegressionRendersTheSameDocument() {
        assertThat(new QuoteDocumentWriter(new RegressionSwitch(Kind.ALLOC, 0)).render(quote))
                .isEqualTo(new QuoteDocumentWriter(RegressionSwitch.NONE).render(quote));
    }

    @Test
    void slowChecksTheWidthsAgainButRendersTheSameDocument() {
        QuoteDocumentWriter plain = new QuoteDocumentWriter(RegressionSwitch.NONE);
        QuoteDocumentWriter slow = new QuoteDocumentWriter(new RegressionSwitch(Kind.SLOW, 10));

        assertThat(slow.render(quote)).isEqualTo(plain.render(quote));
        assertThat(plain.widthCheck()).isZero();
        assertThat(slow.widthCheck()).as("the extra work ran").isNotZero();
    }
}
