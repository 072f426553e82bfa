package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.samples.RegressionSwitch.Kind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceCacheTest {

    private static final Product BOOK = new Product("SKU-1", "A book", "books", new BigDecimal("10.00"));

    @Test
    void cachesThenRecomputesAfterRefreshEveryUses() {
        PriceCache cache = new PriceCache(SampleData.pricingRules(RegressionSwitch.NONE), RegressionSwitch.NONE);
        // 10 gold books: 13.70 off 100.00 → 8.63 a unit
        for (int i = 0; i < PriceCache.REFRESH_EVERY; i++) {
            assertThat(cache.priceOf(BOOK, CustomerTier.GOLD, 10)).isEqualByComparingTo("8.63");
        }
        assertThat(cache.recomputations()).isEqualTo(1);
        cache.priceOf(BOOK, CustomerTier.GOLD, 10);
        assertThat(cache.recomputations()).isEqualTo(2);
        cache.priceOf(BOOK, CustomerTier.STANDARD, 10);
        assertThat(cache.recomputations()).isEqualTo(3);
    }

    @Test
    void wideLockRegressionGivesTheSamePricesUnderConcurrency() throws Exception {
        Catalogue catalogue = SampleData.catalogue(100);
        List<Order> orders = SampleData.orders(1, 40, 25, 100);
        BigDecimal plain;
        BigDecimal wide;
        try (OrderService a = service(catalogue, RegressionSwitch.NONE);
             OrderService b = service(catalogue, new RegressionSwitch(Kind.LOCK, 0))) {
            plain = a.repriceConcurrently(orders);
            wide = b.repriceConcurrently(orders);
            assertThat(a.repriceConcurrently(orders)).isEqualByComparingTo(plain);
        }
        assertThat(plain.signum()).isPositive();
        assertThat(wide).isEqualByComparingTo(plain);
    }

    private static OrderService service(Catalogue catalogue, RegressionSwitch regression) throws Exception {
        return OrderService.create(io.opentelemetry.api.OpenTelemetry.noop(), catalogue, SampleDatabase.h2(), 4, regression);
    }
}
