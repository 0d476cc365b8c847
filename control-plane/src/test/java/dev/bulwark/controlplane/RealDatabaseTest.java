package dev.bulwark.controlplane;

import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestDatabase;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of control-plane integration tests: the application context runs against a PostgreSQL
 * database created for this test class and dropped after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealDatabaseTest implements TestPropertyProvider {
    /** A fixed test-only pepper (base64 of 32 bytes); production reads BULWARK_API_KEY_PEPPER. */
    public static final String TEST_PEPPER = "dGVzdC1vbmx5LXBlcHBlci1ub3QtZm9yLXByb2R1Y3Rpb24hIQ==";

    protected TestDatabase database;

    @Override
    public Map<String, String> getProperties() {
        database = RealServices.newDatabase();
        return Map.of(
                "datasources.default.url", database.jdbcUrl(),
                "datasources.default.username", database.username(),
                "datasources.default.password", database.password(),
                "micronaut.server.port", "-1",
                "bulwark.api-keys.pepper", TEST_PEPPER);
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
