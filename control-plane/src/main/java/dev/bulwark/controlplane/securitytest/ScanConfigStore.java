package dev.bulwark.controlplane.securitytest;

import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.securitytest.ScanViews.RegressionCheckView;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code scan_config} and {@code scan_regression_check}: hand SQL on the caller's transaction, always per tenant. */
@Singleton
class ScanConfigStore {
    private final Sql sql;

    ScanConfigStore(Sql sql) {
        this.sql = sql;
    }

    Optional<ScanConfig> find(TenantId tenant, UUID apiId) {
        return sql.one("""
                SELECT environment, allow_writes, schedule_hours, next_run_at, auth_header, primary_credential,
                       secondary_credential, max_requests, requests_per_second
                FROM scan_config WHERE tenant_id = ? AND api_id = ?""", row -> {
                    int hours = row.getInt("schedule_hours");
                    Integer schedule = row.wasNull() ? null : hours;
                    return new ScanConfig(Environment.fromWire(row.getString("environment")), row.getBoolean("allow_writes"),
                            schedule, Sql.instant(row, "next_run_at"), row.getString("auth_header"),
                            row.getBytes("primary_credential"), row.getBytes("secondary_credential"),
                            row.getInt("max_requests"), row.getInt("requests_per_second"));
                }, tenant, apiId);
    }

    void save(TenantId tenant, UUID apiId, ScanConfig config, String kekId) {
        sql.update("""
                INSERT INTO scan_config (api_id, tenant_id, environment, allow_writes, schedule_hours, next_run_at, auth_header,
                    primary_credential, secondary_credential, kek_id, max_requests, requests_per_second)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (api_id) DO UPDATE SET environment = EXCLUDED.environment, allow_writes = EXCLUDED.allow_writes,
                    schedule_hours = EXCLUDED.schedule_hours, next_run_at = EXCLUDED.next_run_at,
                    auth_header = EXCLUDED.auth_header, primary_credential = EXCLUDED.primary_credential,
                    secondary_credential = EXCLUDED.secondary_credential, kek_id = EXCLUDED.kek_id,
                    max_requests = EXCLUDED.max_requests, requests_per_second = EXCLUDED.requests_per_second,
                    version = scan_config.version + 1
                WHERE scan_config.tenant_id = EXCLUDED.tenant_id""",
                apiId, tenant, config.environment().wire(), config.allowWrites(), config.scheduleHours(), config.nextRunAt(),
                config.authHeader(), config.primaryCredential(), config.secondaryCredential(), kekId, config.maxRequests(),
                config.requestsPerSecond());
    }

    /** Scheduled scans that are due, locked so one replica queues each; their next time is moved on. */
    List<Due> takeDue(Instant now, int limit) {
        List<Due> due = sql.list("""
                SELECT tenant_id, api_id, environment, schedule_hours FROM scan_config
                WHERE schedule_hours IS NOT NULL AND next_run_at <= ? ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                row -> new Due(new TenantId(Sql.uuid(row, "tenant_id")), Sql.uuid(row, "api_id"), row.getString("environment"),
                        row.getInt("schedule_hours")), now, limit);
        for (Due scan : due) {
            sql.update("UPDATE scan_config SET next_run_at = ? WHERE tenant_id = ? AND api_id = ?",
                    now.plusSeconds(3600L * scan.hours()), scan.tenant(), scan.apiId());
        }
        return due;
    }

    record Due(TenantId tenant, UUID apiId, String environment, int hours) {
    }

    void insertRegressionCheck(UUID id, TenantId tenant, UUID apiId, String sourceEventId, RecordedAttack attack) {
        sql.update("""
                INSERT INTO scan_regression_check (id, tenant_id, api_id, source_event_id, method, path_and_query, family, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, tenant, apiId, sourceEventId, attack.method(), attack.pathAndQuery(),
                attack.family().isEmpty() ? null : attack.family(), attack.body());
    }

    boolean regressionCheckExists(TenantId tenant, UUID apiId, String sourceEventId) {
        return sql.one("SELECT count(*) FROM scan_regression_check WHERE tenant_id = ? AND api_id = ? AND source_event_id = ?",
                row -> row.getLong(1), tenant, apiId, sourceEventId).orElse(0L) > 0;
    }

    List<RegressionCheckView> regressionChecks(TenantId tenant, UUID apiId) {
        return sql.list("""
                SELECT id, api_id, source_event_id, method, path_and_query, family, created_at FROM scan_regression_check
                WHERE tenant_id = ? AND api_id = ? ORDER BY created_at, id""",
                row -> new RegressionCheckView(Sql.uuid(row, "id"), Sql.uuid(row, "api_id"), row.getString("source_event_id"),
                        row.getString("method"), row.getString("path_and_query"), row.getString("family"),
                        Sql.instant(row, "created_at")), tenant, apiId);
    }

    /** The checks as the scanner replays them: the id is the source event's, so findings name it. */
    List<RecordedAttack> recordedAttacks(TenantId tenant, UUID apiId) {
        return sql.list("""
                SELECT source_event_id, method, path_and_query, family, body FROM scan_regression_check
                WHERE tenant_id = ? AND api_id = ? ORDER BY created_at, id""",
                row -> new RecordedAttack(row.getString("source_event_id"), row.getString("method"),
                        row.getString("path_and_query"), Map.of(), row.getString("body"), row.getString("family")), tenant, apiId);
    }

    boolean deleteRegressionCheck(TenantId tenant, UUID apiId, UUID id) {
        return sql.update("DELETE FROM scan_regression_check WHERE tenant_id = ? AND api_id = ? AND id = ?", tenant, apiId, id) == 1;
    }

    /** A security event of the tenant, as the gateway reported it (never the matched value). */
    record BlockedEvent(String id, @Nullable String apiId, @Nullable String method, @Nullable String path,
                        @Nullable String family, @Nullable String location, boolean blocked) {
    }

    Optional<BlockedEvent> securityEvent(TenantId tenant, String eventId) {
        return sql.list("""
                SELECT id, api_id, method, path, family, location, coalesce(blocked, false) AS blocked FROM security_event
                WHERE tenant_id = ? AND id = ? LIMIT 1""",
                row -> new BlockedEvent(row.getString("id"), row.getString("api_id"), row.getString("method"),
                        row.getString("path"), row.getString("family"), row.getString("location"), row.getBoolean("blocked")),
                tenant, eventId).stream().findFirst();
    }
}
