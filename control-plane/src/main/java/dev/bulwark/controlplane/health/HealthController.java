package dev.bulwark.controlplane.health;

import dev.bulwark.controlplane.kernel.PublicEndpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Liveness (the process answers) and readiness (it can serve: the database answers). Flyway runs
 * before the server accepts connections, so a live server has an up-to-date schema.
 * <p>Hand SQL: readiness is a bare round trip to the database, not a query of any table.
 */
@Controller("/health")
@PublicEndpoint
public class HealthController {
    private static final int DATABASE_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;

    public HealthController(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        // The injected DataSource is Micronaut Data's transaction-bound proxy; a health probe needs
        // a connection of its own from the pool, outside any transaction.
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    @Get("/live")
    public Map<String, String> live() {
        return Map.of("status", "UP");
    }

    @Get("/ready")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<Map<String, Object>> ready() {
        boolean database = databaseAnswers();
        Map<String, Object> body = Map.of("status", database ? "UP" : "DOWN", "checks", Map.of("database", database ? "UP" : "DOWN"));
        return database ? HttpResponse.ok(body) : HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(DATABASE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
