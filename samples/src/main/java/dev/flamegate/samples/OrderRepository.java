package dev.flamegate.samples;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Orders, lines and products over JDBC: the data-access path. Every statement runs in a CLIENT span named
 * and attributed after the OpenTelemetry database semantic conventions ({@code db.system.name},
 * {@code db.operation.name}, {@code db.collection.name}, {@code db.query.text}).
 *
 * <p>Not thread-safe: one repository per connection.
 */
public final class OrderRepository {

    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<String> DB_QUERY = AttributeKey.stringKey("db.query.text");

    static final String INSERT_PRODUCT = "INSERT INTO products (sku, name, category, unit_price) VALUES (?, ?, ?, ?)";
    static final String INSERT_ORDER = "INSERT INTO orders (id, customer_id, tier, region) VALUES (?, ?, ?, ?)";
    static final String INSERT_LINE = "INSERT INTO order_lines (order_id, line_no, sku, quantity) VALUES (?, ?, ?, ?)";
    static final String SELECT_ORDER_JOINED = "SELECT o.customer_id, o.tier, o.region, l.line_no, l.sku, l.quantity,"
            + " p.name, p.category, p.unit_price FROM orders o JOIN order_lines l ON l.order_id = o.id"
            + " JOIN products p ON p.sku = l.sku WHERE o.id = ? ORDER BY l.line_no";
    static final String SELECT_ORDER_LINES = "SELECT o.customer_id, o.tier, o.region, l.line_no, l.sku, l.quantity"
            + " FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = ? ORDER BY l.line_no";
    static final String SELECT_PRODUCT = "SELECT name, category, unit_price FROM products WHERE sku = ?";

    private final Connection connection;
    private final Tracer tracer;
    private final String dbSystem;
    private final RegressionSwitch regression;

    public OrderRepository(Connection connection, String dbSystem, Tracer tracer, RegressionSwitch regression) {
        this.connection = connection;
        this.dbSystem = dbSystem;
        this.tracer = tracer;
        this.regression = regression;
    }

    /** An order with the products its lines refer to. */
    public record LoadedOrder(Order order, List<Product> products) {
        public LoadedOrder {
            products = List.copyOf(products);
        }
    }

    /** Inserts the catalogue's products in one batch. */
    public void insertProducts(Collection<Product> products) throws SQLException {
        try (Traced t = new Traced("INSERT", "products", INSERT_PRODUCT);
             PreparedStatement ps = connection.prepareStatement(INSERT_PRODUCT)) {
            t.run(() -> {
                for (Product p : products) {
                    ps.setString(1, p.sku());
                    ps.setString(2, p.name());
                    ps.setString(3, p.category());
                    ps.setBigDecimal(4, p.unitPrice());
                    ps.addBatch();
                }
                ps.executeBatch();
                return null;
            });
        }
    }

    /** Inserts an order and its lines (two statements, the lines batched). */
    public void insertOrder(Order order) throws SQLException {
        try (Traced t = new Traced("INSERT", "orders", INSERT_ORDER);
             PreparedStatement ps = connection.prepareStatement(INSERT_ORDER)) {
            t.run(() -> {
                ps.setLong(1, order.id());
                ps.setString(2, order.customerId());
                ps.setString(3, order.tier().name());
                ps.setString(4, order.region());
                return ps.executeUpdate();
            });
        }
        try (Traced t = new Traced("INSERT", "order_lines", INSERT_LINE);
             PreparedStatement ps = connection.prepareStatement(INSERT_LINE)) {
            t.run(() -> {
                int lineNo = 0;
                for (OrderLine line : order.lines()) {
                    ps.setLong(1, order.id());
                    ps.setInt(2, lineNo++);
                    ps.setString(3, line.sku());
                    ps.setInt(4, line.quantity());
                    ps.addBatch();
                }
                return ps.executeBatch();
            });
        }
    }

    /**
     * Loads an order with its products: one query joining orders, order_lines and products (or, under the
     * injected {@code nplus1} regression, the lines first and then one query per line for its product).
     */
    public Optional<LoadedOrder> findOrder(long id) throws SQLException {
        return regression.is(RegressionSwitch.Kind.NPLUS1) ? findOrderProductByProduct(id) : findOrderJoined(id);
    }

    private Optional<LoadedOrder> findOrderJoined(long id) throws SQLException {
        try (Traced t = new Traced("SELECT", "orders", SELECT_ORDER_JOINED);
             PreparedStatement ps = connection.prepareStatement(SELECT_ORDER_JOINED)) {
            return t.run(() -> {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    OrderBuilder b = new OrderBuilder(id);
                    while (rs.next()) {
                        b.header(rs.getString(1), rs.getString(2), rs.getString(3));
                        b.line(rs.getString(5), rs.getInt(6));
                        b.product(new Product(rs.getString(5), rs.getString(7), rs.getString(8), rs.getBigDecimal(9)));
                    }
                    return b.build();
                }
            });
        }
    }

    private Optional<LoadedOrder> findOrderProductByProduct(long id) throws SQLException {
        OrderBuilder b = new OrderBuilder(id);
        try (Traced t = new Traced("SELECT", "orders", SELECT_ORDER_LINES);
             PreparedStatement ps = connection.prepareStatement(SELECT_ORDER_LINES)) {
            t.run(() -> {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        b.header(rs.getString(1), rs.getString(2), rs.getString(3));
                        b.line(rs.getString(5), rs.getInt(6));
                    }
                }
                return null;
            });
        }
        for (OrderLine line : b.lines) {
            try (Traced t = new Traced("SELECT", "products", SELECT_PRODUCT);
                 PreparedStatement ps = connection.prepareStatement(SELECT_PRODUCT)) {
                t.run(() -> {
                    ps.setString(1, line.sku());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("order " + id + " refers to unknown product " + line.sku());
                        }
                        b.product(new Product(line.sku(), rs.getString(1), rs.getString(2), rs.getBigDecimal(3)));
                    }
                    return null;
                });
            }
        }
        return b.build();
    }

    /** Collects rows into an order. */
    private static final class OrderBuilder {
        final long id;
        String customerId;
        CustomerTier tier;
        String region;
        final List<OrderLine> lines = new ArrayList<>();
        final List<Product> products = new ArrayList<>();

        OrderBuilder(long id) {
            this.id = id;
        }

        void header(String customerId, String tier, String region) {
            this.customerId = customerId;
            this.tier = CustomerTier.valueOf(tier);
            this.region = region;
        }

        void line(String sku, int quantity) {
            lines.add(new OrderLine(sku, quantity));
        }

        void product(Product p) {
            products.add(p);
        }

        Optional<LoadedOrder> build() {
            if (customerId == null) {
                return Optional.empty();
            }
            return Optional.of(new LoadedOrder(new Order(id, customerId, tier, region, lines), products));
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** One CLIENT span around one statement, current while the statement runs. */
    private final class Traced implements AutoCloseable {
        private final Span span;

        Traced(String operation, String collection, String query) {
            span = tracer.spanBuilder(operation + " " + collection)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(DB_SYSTEM, dbSystem)
                    .setAttribute(DB_OPERATION, operation)
                    .setAttribute(DB_COLLECTION, collection)
                    .setAttribute(DB_QUERY, query)
                    .startSpan();
        }

        <T> T run(SqlWork<T> work) throws SQLException {
            try (Scope ignored = span.makeCurrent()) {
                return work.run();
            } catch (SQLException | RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, e.getMessage());
                throw e;
            }
        }

        @Override
        public void close() {
            span.end();
        }
    }
}
