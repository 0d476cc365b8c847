package dev.bulwark.controlplane.billing;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.PlatformOperator;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up every billing test repeated: a platform operator (listed in
 * {@code bulwark.platform.admin-user-ids} before the context starts), the HTTP API, and the SQL
 * that places a tenant's history in the past (plan timeline, usage rollups) so a month that has
 * really ended can be closed against the real clock PostgreSQL also reads.
 */
public abstract class BillingTestBase extends RealDatabaseTest {
    protected final UUID operatorId = UUID.randomUUID();
    @Inject @Client("/") protected HttpClient client;
    protected Api http;
    protected Api.Session operator;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.platform.admin-user-ids", operatorId.toString());
        properties.putAll(extraProperties());
        return properties;
    }

    /** Further properties of a test class. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    @BeforeAll
    void setUpOperator() {
        http = new Api(client);
        String opsSlug = Api.unique("ops");
        operator = PlatformOperator.create(http, database, operatorId, http.signUp(opsSlug), opsSlug);
    }

    protected static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Adds {@code requests} to the tenant's hourly rollup of {@code hour} for one API and application (as the ingester does). */
    protected void usage(UUID tenant, String apiId, String applicationId, Instant hour, long requests) throws SQLException {
        execute("INSERT INTO usage_hour (tenant_id, hour, api_id, application_id, status_class, requests, errors, request_bytes, "
                + "response_bytes, latency_sum_micros, latency_buckets) VALUES (?, ?, ?, ?, 2, ?, 0, 0, 0, 0, '{}') "
                + "ON CONFLICT (tenant_id, hour, api_id, application_id, status_class) DO UPDATE SET requests = usage_hour.requests + excluded.requests",
                tenant, at(hour.truncatedTo(ChronoUnit.HOURS)), apiId, applicationId, requests);
    }

    protected void usage(UUID tenant, Instant hour, long requests) throws SQLException {
        usage(tenant, "api", "app", hour, requests);
    }

    /** A price version of a consumer plan (EUR, graduated tiers as JSON), in force from {@code from}. */
    protected void price(UUID tenant, UUID plan, Instant from, String fee, long included, String tiers) throws SQLException {
        execute("INSERT INTO plan_price (tenant_id, plan_id, effective_from, currency, monthly_fee, included_requests, tier_mode, tiers) "
                + "VALUES (?, ?, ?, 'EUR', ?, ?, 'graduated', ?::jsonb)", tenant, plan, at(from), new java.math.BigDecimal(fee), included, tiers);
    }

    protected void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    protected long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
