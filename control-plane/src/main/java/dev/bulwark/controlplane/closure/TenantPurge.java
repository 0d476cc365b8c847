package dev.bulwark.controlplane.closure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.sql.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes closed tenants' data once their retention period ({@code purge_after}) has passed.
 * <ul>
 *   <li>Restart-safe and idempotent: the closed tenant row is the to-do; each tenant is purged in one
 *   transaction (a crash or an error leaves it whole, and a purged tenant is simply no longer found).
 *   Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so replicas never purge the same tenant.</li>
 *   <li>Keycloak first: the realm's de-provisioning (started at closure) must be done, i.e. its
 *   {@code keycloak_realm} row gone; until then the purge waits (and re-asks for the deletion).</li>
 *   <li>Audited in {@code tenant_purge} (the tenant's own audit trail is its data and goes with it):
 *   slug, dates and the number of rows deleted per table; and counted in
 *   {@code bulwark_tenant_purge_total{outcome}}.</li>
 * </ul>
 */
@Singleton
public class TenantPurge {
    private static final Logger LOG = LoggerFactory.getLogger(TenantPurge.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_BASE = Duration.ofMinutes(1);
    private static final Duration RETRY_MAX = Duration.ofHours(6);
    private final Sql sql;
    private final TransactionOperations<Connection> transactions;
    private final MeterRegistry metrics;
    private volatile PurgePlan plan;

    TenantPurge(Sql sql, TransactionOperations<Connection> transactions, MeterRegistry metrics) {
        this.sql = sql;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** What happened to one due tenant. */
    public enum Outcome { PURGED, WAITING_FOR_KEYCLOAK, FAILED }

    @Scheduled(fixedDelay = "${bulwark.tenant.purge-poll:1m}", initialDelay = "${bulwark.tenant.purge-poll:1m}")
    void catchUp() {
        for (int i = 0; i < 10 && purgeNext().isPresent(); i++) {
            // until no tenant is due
        }
    }

    /** Purges (or advances) the next due tenant; empty when none is due. */
    public Optional<Outcome> purgeNext() {
        AtomicReference<UUID> claimed = new AtomicReference<>();
        try {
            Optional<Outcome> outcome = transactions.executeWrite(status -> purgeClaimed(claimed));
            outcome.ifPresent(this::count);
            return outcome;
        } catch (RuntimeException e) {
            UUID tenant = claimed.get();
            if (tenant == null) {
                throw e;
            }
            count(Outcome.FAILED);
            // The class only: a message could carry SQL or row values.
            LOG.warn("Purge of closed tenant {} failed, will retry: {}", tenant, e.getClass().getSimpleName());
            transactions.executeWrite(status -> sql.update("""
                    UPDATE tenant SET purge_attempts = purge_attempts + 1, purge_last_error = ?,
                        purge_next_attempt_at = now() + least(? * power(2, least(purge_attempts, 20)), ?) * interval '1 second'
                    WHERE id = ?""", e.getClass().getSimpleName(), RETRY_BASE.toSeconds(), RETRY_MAX.toSeconds(), tenant));
            return Optional.of(Outcome.FAILED);
        }
    }

    private Optional<Outcome> purgeClaimed(AtomicReference<UUID> claimed) {
        Optional<Due> due = sql.one("""
                SELECT id, slug, closed_at, purge_after FROM tenant
                WHERE closed_at IS NOT NULL AND purge_after <= now() AND (purge_next_attempt_at IS NULL OR purge_next_attempt_at <= now())
                ORDER BY purge_after LIMIT 1 FOR UPDATE SKIP LOCKED""",
                row -> new Due(Sql.uuid(row, "id"), row.getString("slug"), Sql.instant(row, "closed_at"), Sql.instant(row, "purge_after")));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Due tenant = due.get();
        claimed.set(tenant.id());
        if (sql.one("SELECT 1 FROM keycloak_realm WHERE tenant_id = ?", row -> true, tenant.id()).isPresent()) {
            // Closure handed the realm to the provisioning worker; make sure it is still asked to go, and wait for it.
            sql.update("UPDATE keycloak_realm SET desired = 'absent', in_sync = false WHERE tenant_id = ? AND desired <> 'absent'", tenant.id());
            sql.update("UPDATE tenant SET purge_next_attempt_at = now() + interval '5 seconds' WHERE id = ?", tenant.id());
            return Optional.of(Outcome.WAITING_FOR_KEYCLOAK);
        }
        // Lets the append-only guards (audit trail, billing documents, plan prices) give way to this
        // tenant's purge, for this transaction only (V568).
        sql.one("SELECT set_config('bulwark.purging_tenant', ?, true)", row -> true, tenant.id().toString());
        Map<String, Integer> deleted = new TreeMap<>();
        for (PurgePlan.Step step : plan().steps()) {
            Object[] parameters = new Object[step.parameters()];
            java.util.Arrays.fill(parameters, tenant.id());
            int rows = sql.update(step.sql(), parameters);
            if (rows > 0) {
                deleted.put(step.table(), rows);
            }
        }
        sql.update("DELETE FROM tenant WHERE id = ?", tenant.id());
        sql.update("""
                INSERT INTO tenant_purge (tenant_id, slug, closed_at, purge_after, deleted_rows) VALUES (?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (tenant_id) DO NOTHING""",
                tenant.id(), tenant.slug(), Timestamp.from(tenant.closedAt()), Timestamp.from(tenant.purgeAfter()), json(deleted));
        LOG.info("Closed tenant {} purged: {} rows in {} tables", tenant.id(),
                deleted.values().stream().mapToInt(Integer::intValue).sum(), deleted.size());
        return Optional.of(Outcome.PURGED);
    }

    private PurgePlan plan() {
        PurgePlan current = plan;
        if (current == null) {
            current = PurgePlan.read(sql); // the schema does not change while the control plane runs
            plan = current;
        }
        return current;
    }

    private void count(Outcome outcome) {
        metrics.counter("bulwark.tenant.purge", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
    }

    private static String json(Map<String, Integer> deleted) {
        try {
            return JSON.writeValueAsString(deleted);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Due(UUID id, String slug, Instant closedAt, Instant purgeAfter) {
    }
}
