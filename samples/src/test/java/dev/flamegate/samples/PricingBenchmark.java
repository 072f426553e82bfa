package dev.flamegate.samples;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks over the CPU path (pricing) and the allocation path (quote documents, where {@code slow:N} also
 * makes an existing method slower) of the sample service, without a database or tracing: the engines directly,
 * with the regression from
 * {@code -Dsamples.regression} (passed to the forks by {@link SamplesBenchmarksTest}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PricingBenchmark {

    private PricingEngine pricing;
    private QuoteDocumentWriter writer;
    private List<Order> orders;
    private List<Quote> quotes;

    @Setup
    public void setUp() {
        Catalogue catalogue = SampleData.catalogue(OrderService.DEFAULT_CATALOGUE_SIZE);
        RegressionSwitch regression = RegressionSwitch.current();
        pricing = new PricingEngine(catalogue, SampleData.pricingRules(regression));
        writer = new QuoteDocumentWriter(regression);
        orders = SampleData.orders(1, 10, 40, OrderService.DEFAULT_CATALOGUE_SIZE);
        quotes = orders.stream().map(pricing::quote).toList();
    }

    /** Prices 10 orders of 40 lines. */
    @Benchmark
    public BigDecimal quoteOrders() {
        BigDecimal total = BigDecimal.ZERO;
        for (Order order : orders) {
            total = total.add(pricing.quote(order).total());
        }
        return total;
    }

    /** Renders 10 quote documents. */
    @Benchmark
    public int renderQuotes() {
        int chars = 0;
        for (Quote quote : quotes) {
            chars += writer.render(quote).length();
        }
        return chars;
    }
}
