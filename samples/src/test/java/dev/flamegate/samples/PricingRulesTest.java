package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.samples.RegressionSwitch.Kind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingRulesTest {

    private static final Product BOOK = new Product("SKU-1", "A book", "books", new BigDecimal("10.00"));

    @Test
    void stacksEveryMatchingRuleOnTheRemainingAmount() {
        PricingRules rules = SampleData.pricingRules(RegressionSwitch.NONE);
        // books silver 2.5, books gold 5, books volume 10 3, store-wide 2+ 1, 5+ 1.5, loyalty silver 0.5, gold 1:
        // 100 × .975 × .95 × .97 × .99 × .985 × .995 × .99 = 86.3037… → discount 13.70
        PricingRules.Discount d = rules.applyDiscounts(BOOK, 10, CustomerTier.GOLD, new BigDecimal("100.00"));
        assertThat(d.amount()).isEqualByComparingTo("13.70");
        assertThat(d.applied()).containsExactly("books silver", "books gold", "books volume 10", "store-wide 2+",
                "store-wide 5+", "loyalty silver", "loyalty gold");
    }

    @Test
    void standardCustomerBuyingOneGetsNothing() {
        PricingRules.Discount d = SampleData.pricingRules(RegressionSwitch.NONE)
                .applyDiscounts(BOOK, 1, CustomerTier.STANDARD, new BigDecimal("10.00"));
        assertThat(d.amount()).isEqualByComparingTo("0");
        assertThat(d.applied()).isEmpty();
    }

    @Test
    void capsTheDiscountAtFortyPercent() {
        PricingRules rules = new PricingRules(List.of(
                new DiscountRule("a", "*", CustomerTier.STANDARD, 1, new BigDecimal("30")),
                new DiscountRule("b", "books", CustomerTier.STANDARD, 1, new BigDecimal("30"))),
                Map.of("DE", new BigDecimal("19")), RegressionSwitch.NONE);
        assertThat(rules.applyDiscounts(BOOK, 1, CustomerTier.STANDARD, new BigDecimal("10.00")).amount())
                .isEqualByComparingTo("4.00");
    }

    @Test
    void taxIsRoundedToCentsAndUnknownRegionsAreNamed() {
        PricingRules rules = SampleData.pricingRules(RegressionSwitch.NONE);
        assertThat(rules.applyTax("DE", new BigDecimal("86.30"))).isEqualByComparingTo("16.40");
        assertThatThrownBy(() -> rules.applyTax("XX", BigDecimal.ONE)).hasMessageContaining("'XX'").hasMessageContaining("DE");
    }

    @Test
    void quoteAddsDiscountedLinesAndTax() {
        Catalogue catalogue = Catalogue.of(List.of(BOOK, new Product("SKU-2", "Rake", "garden", new BigDecimal("25.50"))));
        PricingEngine engine = new PricingEngine(catalogue, SampleData.pricingRules(RegressionSwitch.NONE));
        Order order = new Order(1, "C1", CustomerTier.GOLD, "DE",
                List.of(new OrderLine("SKU-1", 10), new OrderLine("SKU-2", 1)));
        Quote quote = engine.quote(order);
        // line 1: 100.00 − 13.70 = 86.30 + 16.40 tax = 102.70
        assertThat(quote.lines().get(0).net()).isEqualByComparingTo("102.70");
        // line 2: 25.50 × .975 × .95 × .995 × .99 = 23.2662… → discount 2.23; 23.27 + 4.42 tax = 27.69
        assertThat(quote.lines().get(1).discount()).isEqualByComparingTo("2.23");
        assertThat(quote.lines().get(1).net()).isEqualByComparingTo("27.69");
        assertThat(quote.total()).isEqualByComparingTo("130.39");
    }

    @Test
    void injectedCpuRegressionChangesNoPrice() {
        Catalogue catalogue = SampleData.catalogue(200);
        List<Order> orders = SampleData.orders(1, 20, 30, 200);
        PricingEngine plain = new PricingEngine(catalogue, SampleData.pricingRules(RegressionSwitch.NONE));
        PricingEngine slow = new PricingEngine(catalogue, SampleData.pricingRules(new RegressionSwitch(Kind.CPU, 50)));
        for (Order order : orders) {
            assertThat(slow.quote(order)).isEqualTo(plain.quote(order));
        }
    }
}
