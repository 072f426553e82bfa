package dev.flamegate.samples;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The order/pricing service slice the samples measure. Four paths, each with its injectable regression
 * ({@link RegressionSwitch}):
 * <ul>
 *   <li>{@link #quote} — CPU: pricing rules ({@link PricingRules#applyDiscounts});</li>
 *   <li>{@link #renderQuote} — allocation: the quote document ({@link QuoteDocumentWriter#render});</li>
 *   <li>{@link #repriceConcurrently} — locks: a shared {@link PriceCache} used from a thread pool;</li>
 *   <li>{@link #placeOrder} / {@link #loadOrder} — JDBC ({@link OrderRepository}), with database spans.</li>
 * </ul>
 * Work handed to the pool carries the caller's OpenTelemetry context ({@link Context#taskWrapping}), so
 * its spans are children of the caller's span.
 */
public final class OrderService implements AutoCloseable {

    /** Instrumentation scope name of the service's tracer. */
    public static final String INSTRUMENTATION_SCOPE = "dev.flamegate.samples";

    private final Tracer tracer;
    private final Catalogue catalogue;
    private final PricingEngine pricing;
    private final QuoteDocumentWriter writer;
    private final PriceCache priceCache;
    private final ExecutorService pool;
    private final Connection connection;
    private final OrderRepository repository;

    private OrderService(OpenTelemetry openTelemetry, Catalogue catalogue, SampleDatabase database, int threads,
                         RegressionSwitch regression) throws SQLException {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        this.catalogue = catalogue;
        this.pricing = new PricingEngine(catalogue, SampleData.pricingRules(regression));
        this.writer = new QuoteDocumentWriter(regression);
        // The cache prices with the rules as published (no injected CPU regression), so that each injected
        // regression shows up in exactly one path and the end-to-end tests can tell which test must fail.
        this.priceCache = new PriceCache(SampleData.pricingRules(RegressionSwitch.NONE), regression);
        this.pool = Context.taskWrapping(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "order-service-worker");
            t.setDaemon(true);
            return t;
        }));
        this.connection = database.openFresh();
        this.repository = new OrderRepository(connection, database.system(), tracer, regression);
        repository.insertProducts(catalogue.products());
    }

    /**
     * A service over {@code catalogue} and a freshly initialised {@code database}, with a pool of
     * {@code threads} workers and the given injected regression.
     */
    public static OrderService create(OpenTelemetry openTelemetry, Catalogue catalogue, SampleDatabase database,
                                      int threads, RegressionSwitch regression) throws SQLException {
        return new OrderService(openTelemetry, catalogue, database, threads, regression);
    }

    /**
     * The service as the samples run it: 600 products, the database from {@code samples.jdbc.url} (H2 by
     * default), 4 worker threads, and the regression from {@code samples.regression}.
     */
    public static OrderService createDefault(OpenTelemetry openTelemetry) throws SQLException {
        return create(openTelemetry, SampleData.catalogue(DEFAULT_CATALOGUE_SIZE), SampleDatabase.fromSystemProperties(),
                4, RegressionSwitch.current());
    }

    /** Catalogue size of {@link #createDefault}. */
    public static final int DEFAULT_CATALOGUE_SIZE = 600;

    /** The products this service sells. */
    public Catalogue catalogue() {
        return catalogue;
    }

    /** Prices {@code order} (CPU path). */
    public Quote quote(Order order) {
        return inSpan("OrderService.quote", () -> pricing.quote(order));
    }

    /** Renders a quote document (allocation path). */
    public String renderQuote(Quote quote) {
        return inSpan("OrderService.renderQuote", () -> writer.render(quote));
    }

    /** Prices all orders in parallel on the pool; each order gets its own child span. */
    public List<Quote> quoteAll(List<Order> orders) {
        return inSpan("OrderService.quoteAll", () -> {
            List<Future<Quote>> futures = new ArrayList<>(orders.size());
            for (Order order : orders) {
                futures.add(pool.submit(() -> inSpan("price order", () -> pricing.quote(order))));
            }
            return joinAll(futures);
        });
    }

    /**
     * Works out the cached unit price of every line of every order, orders spread over the pool, all
     * threads sharing one {@link PriceCache} (lock-contended path). Returns the sum of the unit prices.
     */
    public BigDecimal repriceConcurrently(List<Order> orders) {
        return inSpan("OrderService.repriceConcurrently", () -> {
            List<Future<BigDecimal>> futures = new ArrayList<>(orders.size());
            for (Order order : orders) {
                futures.add(pool.submit(() -> inSpan("reprice order", () -> {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (OrderLine line : order.lines()) {
                        sum = sum.add(priceCache.priceOf(catalogue.product(line.sku()), order.tier(), line.quantity()));
                    }
                    return sum;
                })));
            }
            BigDecimal total = BigDecimal.ZERO;
            for (BigDecimal part : joinAll(futures)) {
                total = total.add(part);
            }
            return total;
        });
    }

    /** Stores a new order (data path). */
    public void placeOrder(Order order) throws SQLException {
        Span span = tracer.spanBuilder("OrderService.placeOrder").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            repository.insertOrder(order);
        } finally {
            span.end();
        }
    }

    /** Loads an order and its products (data path). */
    public Optional<OrderRepository.LoadedOrder> loadOrder(long id) throws SQLException {
        Span span = tracer.spanBuilder("OrderService.loadOrder").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return repository.findOrder(id);
        } finally {
            span.end();
        }
    }

    private <T> T inSpan(String name, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } finally {
            span.end();
        }
    }

    private static <T> List<T> joinAll(List<Future<T>> futures) {
        List<T> results = new ArrayList<>(futures.size());
        for (Future<T> f : futures) {
            try {
                results.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the pool", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    @Override
    public void close() throws SQLException {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
