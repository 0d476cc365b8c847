package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.contract.ContractCompiler;
import dev.bulwark.controlplane.kernel.Ids;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Scan runs (runId) and regression checks (checkId): written as the worker and the service write
 * them, on an API of the tenant's own, so nothing has to scan during the isolation test.
 */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class ScanSeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        UUID api = Ids.next();
        UUID run = Ids.next();
        UUID check = Ids.next();
        UUID owner = tenant.owner().tenantId();
        try (Connection connection = tenant.database().connect()) {
            // The current contract format, so the contract backfill leaves the row alone while the test compares digests.
            insert(connection, "INSERT INTO api (id, tenant_id, name, base_path, openapi, contract_format) VALUES (?, ?, 'Scanned', ?, '{}', "
                    + ContractCompiler.FORMAT + ")",
                    api, owner, "/scanned-" + api);
            insert(connection, """
                    INSERT INTO scan_run (id, tenant_id, api_id, trigger, status, environment, finished_at, score, report)
                    VALUES (?, ?, ?, 'manual', 'completed', 'staging', now(), 100, '{"version": "2.1.0", "runs": []}')""",
                    run, owner, api);
            insert(connection, """
                    INSERT INTO scan_regression_check (id, tenant_id, api_id, source_event_id, method, path_and_query, family)
                    VALUES (?, ?, ?, 'evt-isolation', 'GET', '/search?q=x', 'sql')""", check, owner, api);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed scans", e);
        }
        return Map.of("runId", run.toString(), "checkId", check.toString());
    }

    private static void insert(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of("POST /api/v1/apis/{apiId}/regression-checks", "{\"securityEventId\": \"evt-isolation\"}",
                "PUT /api/v1/apis/{apiId}/scan-config", "{\"allowWrites\": false}");
    }
}
