package dev.bulwark.controlplane.securitytest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.securitytest.ScanViews.FindingView;
import dev.bulwark.controlplane.securitytest.ScanViews.LogEntry;
import dev.bulwark.controlplane.securitytest.ScanViews.RunDetail;
import dev.bulwark.controlplane.securitytest.ScanViews.RunSummary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code scan_run} table, hand SQL on the caller's transaction. Every read names the tenant;
 * only the worker's claim and stale-run sweep span tenants, as the queue does.
 */
@Singleton
class ScanRunStore {
    private static final TypeReference<List<FindingView>> FINDINGS = new TypeReference<>() { };
    private static final TypeReference<List<LogEntry>> LOG = new TypeReference<>() { };
    private static final String SUMMARY = """
            id, tenant_id, api_id, trigger, status, environment, requested_at, started_at, finished_at, requests_sent, score,
            findings::text AS findings, jsonb_array_length(fixed) AS fixed_count""";

    /** A run a worker claimed: enough to load what it needs in its own transaction. */
    record Claimed(UUID id, TenantId tenant, UUID apiId) {
    }

    private final Sql sql;
    private final ObjectMapper json;

    ScanRunStore(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    void insertQueued(UUID id, TenantId tenant, UUID apiId, String trigger, String environment, @Nullable String requestedBy) {
        sql.update("""
                INSERT INTO scan_run (id, tenant_id, api_id, trigger, status, environment, requested_by)
                VALUES (?, ?, ?, ?, 'queued', ?, ?)""", id, tenant, apiId, trigger, environment, requestedBy);
    }

    boolean hasOpenRun(TenantId tenant, UUID apiId) {
        return sql.one("SELECT count(*) FROM scan_run WHERE tenant_id = ? AND api_id = ? AND status IN ('queued', 'running')",
                row -> row.getLong(1), tenant, apiId).orElse(0L) > 0;
    }

    /** Oldest queued runs first, at most {@code limit}, each claimed by exactly one replica. */
    List<Claimed> claim(int limit) {
        return sql.list("""
                UPDATE scan_run SET status = 'running', started_at = now()
                WHERE id IN (SELECT id FROM scan_run WHERE status = 'queued' ORDER BY requested_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, tenant_id, api_id""",
                row -> new Claimed(Sql.uuid(row, "id"), new TenantId(Sql.uuid(row, "tenant_id")), Sql.uuid(row, "api_id")), limit);
    }

    /** Runs whose replica died mid-scan: marked failed so the API can be scanned again. */
    int failStale(Instant startedBefore) {
        return sql.update("""
                UPDATE scan_run SET status = 'failed', finished_at = now(), error = 'the scanning replica stopped'
                WHERE status = 'running' AND started_at < ?""", startedBefore);
    }

    /** Whether a member asked to cancel this running run (polled by the worker that runs it). */
    boolean cancelRequested(UUID running) {
        return sql.one("SELECT cancel_requested FROM scan_run WHERE id = ?", row -> row.getBoolean(1), running).orElse(false);
    }

    /** Cancels a queued run at once; a running one is flagged for its worker. False when the run is already over. */
    boolean requestCancel(TenantId tenant, UUID apiId, UUID runId) {
        int queued = sql.update("""
                UPDATE scan_run SET status = 'cancelled', finished_at = now()
                WHERE tenant_id = ? AND api_id = ? AND id = ? AND status = 'queued'""", tenant, apiId, runId);
        return queued == 1 || sql.update("""
                UPDATE scan_run SET cancel_requested = true
                WHERE tenant_id = ? AND api_id = ? AND id = ? AND status = 'running'""", tenant, apiId, runId) == 1;
    }

    void finish(UUID id, String status, int requestsSent, @Nullable Integer score, @Nullable String error,
                List<FindingView> findings, List<FindingView> fixed, List<LogEntry> log, @Nullable String sarif) {
        sql.update("""
                UPDATE scan_run SET status = ?, finished_at = now(), requests_sent = ?, score = ?, error = ?,
                    findings = CAST(? AS jsonb), fixed = CAST(? AS jsonb), log = CAST(? AS jsonb), report = CAST(? AS jsonb)
                WHERE id = ?""", status, requestsSent, score, error, write(findings), write(fixed), write(log), sarif, id);
    }

    /** Findings of the API's latest run that produced results (none before the first). */
    List<FindingView> latestFindings(TenantId tenant, UUID apiId) {
        return previousFindings(tenant, apiId, new UUID(0, 0));
    }

    /** Findings of the API's latest run that produced results, the baseline of the next run's delta. */
    List<FindingView> previousFindings(TenantId tenant, UUID apiId, UUID excluding) {
        return sql.one("""
                SELECT findings::text FROM scan_run WHERE tenant_id = ? AND api_id = ? AND id <> ?
                  AND status IN ('completed', 'budget_spent', 'cancelled') ORDER BY finished_at DESC LIMIT 1""",
                row -> read(row.getString(1), FINDINGS), tenant, apiId, excluding).orElse(List.of());
    }

    List<RunSummary> list(TenantId tenant, UUID apiId, int limit) {
        return sql.list("SELECT " + SUMMARY + " FROM scan_run WHERE tenant_id = ? AND api_id = ? ORDER BY requested_at DESC LIMIT ?",
                this::summary, tenant, apiId, limit);
    }

    Optional<RunDetail> detail(TenantId tenant, UUID apiId, UUID runId) {
        return sql.one("SELECT " + SUMMARY + ", error, fixed::text AS fixed, log::text AS log FROM scan_run "
                        + "WHERE tenant_id = ? AND api_id = ? AND id = ?",
                row -> new RunDetail(summary(row), row.getString("error"), read(row.getString("findings"), FINDINGS),
                        read(row.getString("fixed"), FINDINGS), read(row.getString("log"), LOG)),
                tenant, apiId, runId);
    }

    Optional<String> sarif(TenantId tenant, UUID apiId, UUID runId) {
        return sql.one("SELECT coalesce(report::text, '') FROM scan_run WHERE tenant_id = ? AND api_id = ? AND id = ?",
                row -> row.getString(1), tenant, apiId, runId).filter(text -> !text.isEmpty());
    }

    /** The latest run with results of each of the tenant's APIs (and the API's name), for the overview. */
    List<LatestRun> latestPerApi(TenantId tenant) {
        return sql.list("""
                SELECT DISTINCT ON (r.api_id) r.api_id, a.name, r.id, r.finished_at, r.findings::text AS findings
                FROM scan_run r JOIN api a ON a.id = r.api_id AND a.tenant_id = r.tenant_id
                WHERE r.tenant_id = ? AND r.status IN ('completed', 'budget_spent', 'cancelled') AND a.lifecycle <> 'retired'
                ORDER BY r.api_id, r.finished_at DESC""",
                row -> new LatestRun(Sql.uuid(row, "api_id"), row.getString("name"), Sql.uuid(row, "id"),
                        Sql.instant(row, "finished_at"), read(row.getString("findings"), FINDINGS)), tenant);
    }

    record LatestRun(UUID apiId, String apiName, UUID runId, Instant finishedAt, List<FindingView> findings) {
    }

    private RunSummary summary(ResultSet row) throws SQLException {
        List<FindingView> findings = read(row.getString("findings"), FINDINGS);
        Map<Severity, Integer> counts =
                new EnumMap<>(Severity.class);
        for (var severity : Severity.values()) {
            counts.put(severity, 0);
        }
        findings.forEach(f -> counts.merge(Severity.valueOf(f.severity()), 1, Integer::sum));
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        counts.forEach((severity, count) -> bySeverity.put(severity.name(), count));
        int score = row.getInt("score");
        Integer maybeScore = row.wasNull() ? null : score;
        return new RunSummary(Sql.uuid(row, "id"), Sql.uuid(row, "api_id"), row.getString("trigger"), row.getString("status"),
                row.getString("environment"), Sql.instant(row, "requested_at"), Sql.instant(row, "started_at"),
                Sql.instant(row, "finished_at"), row.getInt("requests_sent"), maybeScore, bySeverity,
                (int) findings.stream().filter(f -> "new".equals(f.status())).count(), row.getInt("fixed_count"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a scan column", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scan column does not match its type", e);
        }
    }
}
