package dev.flamegate.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the samples keep orders: an embedded H2 database by default (no set-up), or any JDBC URL given
 * with {@code -Dsamples.jdbc.url} (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}, user from
 * {@code samples.jdbc.user}, default {@code postgres}, password from {@code samples.jdbc.password}).
 */
public final class SampleDatabase {

    /** System property naming the JDBC URL; unset means embedded H2. */
    public static final String URL_PROPERTY = "samples.jdbc.url";

    private static final AtomicInteger H2_DATABASES = new AtomicInteger();

    private final String url;
    private final String user;
    private final String password;

    private SampleDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The database chosen by {@code samples.jdbc.url}, or a fresh in-memory H2 database. */
    public static SampleDatabase fromSystemProperties() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null || url.isBlank()) {
            return h2();
        }
        return of(url, System.getProperty("samples.jdbc.user", "postgres"), System.getProperty("samples.jdbc.password", ""));
    }

    /** A fresh, private in-memory H2 database. */
    public static SampleDatabase h2() {
        return of("jdbc:h2:mem:samples" + H2_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** The database at {@code url}. */
    public static SampleDatabase of(String url, String user, String password) {
        return new SampleDatabase(url, user, password);
    }

    /** The JDBC URL. */
    public String url() {
        return url;
    }

    /** The OpenTelemetry {@code db.system.name} of this database, e.g. {@code h2} or {@code postgresql}. */
    public String system() {
        String[] parts = url.split(":", 3);
        return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "other_sql";
    }

    /**
     * Opens a connection with an empty schema: drops and recreates products, orders and order_lines.
     *
     * @throws SQLException with the URL in the message if the database cannot be reached
     */
    public Connection openFresh() throws SQLException {
        Connection c;
        try {
            c = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to " + url + " as " + user + ": " + e.getMessage()
                    + " (unset -D" + URL_PROPERTY + " to use embedded H2)", e.getSQLState(), e);
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS order_lines");
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute("DROP TABLE IF EXISTS products");
            s.execute("CREATE TABLE products (sku VARCHAR(16) PRIMARY KEY, name VARCHAR(64) NOT NULL,"
                    + " category VARCHAR(32) NOT NULL, unit_price DECIMAL(12,2) NOT NULL)");
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id VARCHAR(16) NOT NULL,"
                    + " tier VARCHAR(16) NOT NULL, region VARCHAR(8) NOT NULL)");
            s.execute("CREATE TABLE order_lines (order_id BIGINT NOT NULL REFERENCES orders(id), line_no INT NOT NULL,"
                    + " sku VARCHAR(16) NOT NULL REFERENCES products(sku), quantity INT NOT NULL,"
                    + " PRIMARY KEY (order_id, line_no))");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
