package dev.flamegate.samples;

import static dev.flamegate.profile.Event.ALLOC;
import static dev.flamegate.profile.Event.CPU;
import static dev.flamegate.profile.Event.LOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.junit.ProfiledTest;
import dev.flamegate.junit.ProfilingDefaults;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The four paths of the order service as {@code @ProfiledTest}s, compared with the baselines committed
 * under the top-level {@code baselines/} directory. Run with {@code -Dsamples.regression=cpu:10} (or
 * {@code alloc}, {@code lock}, {@code nplus1}) to watch the matching test fail with {@code REGRESSION}.
 *
 * <p>The service is built once; its spans go to the global OpenTelemetry, which flamegate replaces by its
 * in-memory capture while each test runs. Each body is one repeatable unit of work.
 *
 * <p>Ten warm-up rounds (about a second): on a loaded machine the JIT's compiler threads get little CPU, and
 * with the default two the measured rounds of some runs still ran partly in unoptimised code, which made
 * unchanged runs differ by tens of percent (seen as {@code applyDiscounts} self share 0 % → 16 %).
 */
@ProfilingDefaults(warmup = 10)
class OrderServiceProfiledTest {

    /** Orders priced, rendered and repriced per invocation. */
    static final int ORDERS = 20;
    /** Lines per order. */
    static final int LINES = 40;
    /** Orders loaded per invocation of the data path (each with {@value #LINES_LOADED} lines). */
    static final int LOADS = 5;
    static final int LINES_LOADED = 10;

    private static OrderService service;
    private static List<Order> orders;
    private static List<Quote> quotes;
    private static List<Order> stored;
    private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);

    @BeforeAll
    static void startService() throws SQLException {
        service = OrderService.createDefault();
        orders = SampleData.orders(1, ORDERS, LINES, OrderService.DEFAULT_CATALOGUE_SIZE);
        quotes = orders.stream().map(service::quote).toList();
        stored = SampleData.orders(500, LOADS, LINES_LOADED, OrderService.DEFAULT_CATALOGUE_SIZE);
        for (Order o : stored) {
            service.placeOrder(o);
        }
    }

    @AfterAll
    static void stopService() throws SQLException {
        service.close();
    }

    /** CPU path: pricing rules over 20 orders × 40 lines; 20 rounds for the samples a 10 % change needs. */
    @ProfiledTest(events = CPU, rounds = 20)
    void quotesOrders() {
        BigDecimal total = BigDecimal.ZERO;
        for (Order order : orders) {
            total = total.add(service.quote(order).total());
        }
        assertThat(total.signum()).isPositive();
    }

    /** Allocation path: 20 quote documents. */
    @ProfiledTest(events = {CPU, ALLOC})
    void rendersQuoteDocuments() {
        int chars = 0;
        for (Quote quote : quotes) {
            chars += service.renderQuote(quote).length();
        }
        assertThat(chars).isPositive();
    }

    /**
     * Lock path: 20 orders repriced on 4 threads sharing one price cache. Forty warm-up rounds: the four pool
     * threads' code competes with the JIT's compiler threads for two cores, and with ten, one run in four
     * still measured partly unoptimised code: 25 % more CPU and twice the lock contention (0.35-0.48 threads
     * waiting instead of 0.16-0.20), which made a baseline's runs disagree by more than a wider lock adds.
     */
    @ProfiledTest(events = {CPU, LOCK}, warmup = 40)
    void repricesConcurrently() {
        assertThat(service.repriceConcurrently(orders).signum()).isPositive();
    }

    /** Data path: place one order, load five (one JOIN each), in database spans. */
    @ProfiledTest(events = CPU)
    void placesAndLoadsOrders() throws SQLException {
        Order template = stored.get(0);
        service.placeOrder(new Order(NEXT_ID.getAndIncrement(), template.customerId(), template.tier(),
                template.region(), template.lines()));
        for (Order o : stored) {
            assertThat(service.loadOrder(o.id())).isPresent();
        }
    }
}
