package dev.flamegate.samples;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The data path on a throw-away PostgreSQL container; skipped where no Docker engine is available. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPostgresDataPathTest extends DataPathContract {

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16-alpine");

    @Override
    SampleDatabase database() {
        return SampleDatabase.of(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
    }

    @Override
    String expectedSystem() {
        return "postgresql";
    }
}
