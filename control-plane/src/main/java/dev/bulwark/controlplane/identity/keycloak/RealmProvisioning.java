package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.identity.token.Issuer;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Keycloak in step with the tenants: a realm per tenant, made after sign-up and removed after
 * deletion. Sign-up only writes a {@code keycloak_realm} row in its own transaction (so it never
 * waits on, or fails because of, Keycloak); this worker then makes Keycloak match each row that is
 * not in sync, retrying with exponential back-off while Keycloak is down. Each row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas share the work and never provision a realm twice at
 * once; the Keycloak calls are idempotent anyway.
 * <p>Hand SQL: the table is the adapter's outbox, keyed by tenant and read across tenants by the worker.
 */
@Singleton
public class RealmProvisioning {
    private static final Logger LOG = LoggerFactory.getLogger(RealmProvisioning.class);
    /** The console's OIDC callback, relative to the control plane's public URL. */
    public static final String CALLBACK_PATH = "/api/v1/identity/oidc/callback";

    private final KeycloakSettings settings;
    private final BeanProvider<KeycloakAdmin> admin;
    private final Issuer publicUrl;
    private final Sql sql;
    private final MeterRegistry metrics;

    public RealmProvisioning(KeycloakSettings settings, BeanProvider<KeycloakAdmin> admin, Issuer publicUrl, Sql sql, MeterRegistry metrics) {
        this.settings = settings;
        this.admin = admin;
        this.publicUrl = publicUrl;
        this.sql = sql;
        this.metrics = metrics;
    }

    /** bulwark_keycloak_provisioning_total{action=present|absent, outcome=done|failed}: a rising "failed" means Keycloak is away. */
    private void count(String desired, String outcome) {
        Counter.builder("bulwark.keycloak.provisioning").description("Realm provisioning attempts against Keycloak")
                .tag("action", desired).tag("outcome", outcome).register(metrics).increment();
    }

    /** Within the sign-up transaction: the tenant's realm is wanted. Nothing when Keycloak is not configured. */
    @Transactional
    public void tenantCreated(TenantId tenant) {
        if (!settings.enabled()) {
            return;
        }
        sql.update("""
                INSERT INTO keycloak_realm (tenant_id, realm, desired) VALUES (?, ?, 'present')
                ON CONFLICT (tenant_id) DO UPDATE SET desired = 'present', in_sync = false, attempts = 0, next_attempt_at = now()""",
                tenant, settings.realmPrefix() + tenant.value());
    }

    /** Within the deletion transaction: the tenant's realm (users, clients, sessions) must go. */
    @Transactional
    public void tenantDeleted(TenantId tenant) {
        sql.update("UPDATE keycloak_realm SET desired = 'absent', in_sync = false, attempts = 0, next_attempt_at = now() WHERE tenant_id = ?",
                tenant);
    }

    /**
     * Within the tenant's closure: its application clients are revoked (tokens they issued are
     * refused by the gateways from now, like a revocation) and its realm goes with every client,
     * user and session, through this outbox. Returns the number of clients revoked.
     */
    @Transactional
    public int tenantClosed(TenantId tenant) {
        int revoked = sql.update("""
                UPDATE application_oauth_client SET revoked_at = now(), tokens_not_before = now()
                WHERE tenant_id = ? AND revoked_at IS NULL""", tenant);
        // Retiring clients go with the realm.
        sql.update("DELETE FROM oauth_client_retiring WHERE tenant_id = ?", tenant);
        tenantDeleted(tenant);
        return revoked;
    }

    /** The tenant's realm once Keycloak holds it. */
    @Transactional(readOnly = true)
    public Optional<String> readyRealm(TenantId tenant) {
        return sql.one("SELECT realm FROM keycloak_realm WHERE tenant_id = ? AND desired = 'present' AND in_sync",
                row -> row.getString("realm"), tenant);
    }

    public record RealmState(String realm, String desired, boolean inSync, int attempts, String lastError) {
    }

    @Transactional(readOnly = true)
    public Optional<RealmState> state(TenantId tenant) {
        return sql.one("SELECT realm, desired, in_sync, attempts, last_error FROM keycloak_realm WHERE tenant_id = ?",
                row -> new RealmState(row.getString("realm"), row.getString("desired"), row.getBoolean("in_sync"),
                        row.getInt("attempts"), row.getString("last_error")), tenant);
    }

    /** Claims one due row, makes Keycloak match it, records the outcome. False when nothing was due. */
    @Transactional
    public boolean syncOne() {
        Optional<Due> due = sql.one("""
                SELECT k.tenant_id, k.realm, k.desired, k.attempts, t.name FROM keycloak_realm k
                LEFT JOIN tenant t ON t.id = k.tenant_id
                WHERE NOT k.in_sync AND k.next_attempt_at <= now()
                ORDER BY k.next_attempt_at LIMIT 1 FOR UPDATE OF k SKIP LOCKED""",
                row -> new Due(Sql.uuid(row, "tenant_id"), row.getString("realm"), row.getString("desired"),
                        row.getInt("attempts"), row.getString("name")));
        if (due.isEmpty()) {
            return false;
        }
        Due row = due.get();
        try {
            if (row.desired().equals("present")) {
                String base = publicUrl.value();
                admin.get().ensureRealm(row.realm(), row.tenantName() == null ? row.realm() : row.tenantName(),
                        base + CALLBACK_PATH, origin(base));
                sql.update("UPDATE keycloak_realm SET in_sync = true, attempts = 0, last_error = NULL, synced_at = now() WHERE tenant_id = ?",
                        row.tenantId());
            } else {
                admin.get().deleteRealm(row.realm());
                sql.update("DELETE FROM keycloak_realm WHERE tenant_id = ? AND desired = 'absent'", row.tenantId());
            }
            count(row.desired(), "done");
        } catch (RuntimeException e) {
            count(row.desired(), "failed");
            int attempts = row.attempts() + 1;
            // Only the exception's class and Keycloak's status: messages may carry URLs or payloads.
            String reason = e.getClass().getSimpleName();
            LOG.warn("Keycloak realm {} of tenant {} not in sync yet (attempt {}): {}", row.realm(), row.tenantId(), attempts, reason);
            sql.update("UPDATE keycloak_realm SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE tenant_id = ?",
                    attempts, reason, Instant.now().plus(backoff(attempts)), row.tenantId());
        }
        return true;
    }

    Duration backoff(int attempts) {
        Duration delay = settings.retryBase().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : delay;
    }

    private static String origin(String base) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private record Due(UUID tenantId, String realm, String desired, int attempts, String tenantName) {
    }
}
