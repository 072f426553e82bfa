package dev.flamegate.samples;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The data path on the PostgreSQL named by {@code -Dsamples.jdbc.url=jdbc:postgresql://127.0.0.1:5432/test}
 * (skipped when the property is not set).
 */
@EnabledIfSystemProperty(named = SampleDatabase.URL_PROPERTY, matches = "jdbc:postgresql:.*")
class LocalPostgresDataPathTest extends DataPathContract {
    @Override
    SampleDatabase database() {
        return SampleDatabase.fromSystemProperties();
    }

    @Override
    String expectedSystem() {
        return "postgresql";
    }
}
