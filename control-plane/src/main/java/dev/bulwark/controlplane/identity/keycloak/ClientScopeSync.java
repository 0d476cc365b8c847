package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each application client's scopes equal to what its active plans allow after the plans,
 * subscriptions or API operations change. Database triggers mark the affected clients stale in the
 * writing transaction (V504); this worker claims one stale client at a time ({@code FOR UPDATE SKIP
 * LOCKED}, so replicas share the work), sets the Keycloak client's scopes, and records them. Tokens
 * issued afterwards carry the new scopes; tokens already issued keep theirs until they expire (the
 * gateway still holds every call to the plan's operations, so a narrowed plan is enforced at once).
 * While Keycloak is away the row stays stale and is retried with the realm worker's back-off.
 * <p>Hand SQL: the claim reads across tenants (a background worker); everything after it is keyed
 * by the claimed row's tenant.
 */
@Singleton
@Requires(condition = KeycloakConfigured.class)
public class ClientScopeSync {
    private static final Logger LOG = LoggerFactory.getLogger(ClientScopeSync.class);
    private static final int BATCH = 20;
    private final KeycloakAdmin keycloak;
    private final ApplicationClients clients;
    private final RealmProvisioning realms;
    private final Sql sql;
    private final MeterRegistry metrics;

    ClientScopeSync(KeycloakAdmin keycloak, ApplicationClients clients, RealmProvisioning realms, Sql sql, MeterRegistry metrics) {
        this.keycloak = keycloak;
        this.clients = clients;
        this.realms = realms;
        this.sql = sql;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelay = "${bulwark.identity.keycloak.poll:1s}", initialDelay = "1s")
    void catchUp() {
        for (int i = 0; i < BATCH && syncOne(); i++) {
            // until no client is due
        }
    }

    /** Claims one stale client, sets its scopes in Keycloak, records them. False when none was due. */
    @Transactional
    public boolean syncOne() {
        Optional<Due> due = sql.one("""
                SELECT tenant_id, application_id, realm, client_id, scopes_attempts FROM application_oauth_client
                WHERE scopes_stale AND revoked_at IS NULL AND scopes_next_attempt_at <= now()
                ORDER BY scopes_next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                row -> new Due(new TenantId(Sql.uuid(row, "tenant_id")), Sql.uuid(row, "application_id"),
                        row.getString("realm"), row.getString("client_id"), row.getInt("scopes_attempts")));
        if (due.isEmpty()) {
            return false;
        }
        Due row = due.get();
        List<String> scopes = clients.planScopes(row.tenant(), row.applicationId());
        try {
            // The current client only: a retiring one keeps the scopes it had until it goes (the gateway
            // holds every call to the plan's operations anyway).
            keycloak.setClientScopes(row.realm(), row.clientId(), scopes);
            sql.update("""
                    UPDATE application_oauth_client SET scopes = ?::jsonb, scopes_stale = false, scopes_attempts = 0
                    WHERE tenant_id = ? AND application_id = ?""", ApplicationClients.json(scopes), row.tenant(), row.applicationId());
            count("done");
        } catch (RuntimeException e) {
            count("failed");
            int attempts = row.attempts() + 1;
            LOG.warn("Scopes of the OAuth client of application {} not in sync yet (attempt {}): {}",
                    row.applicationId(), attempts, e.getClass().getSimpleName());
            sql.update("UPDATE application_oauth_client SET scopes_attempts = ?, scopes_next_attempt_at = ? WHERE tenant_id = ? AND application_id = ?",
                    attempts, Instant.now().plus(realms.backoff(attempts)), row.tenant(), row.applicationId());
        }
        return true;
    }

    /** bulwark_keycloak_client_scope_sync_total{outcome=done|failed}. */
    private void count(String outcome) {
        Counter.builder("bulwark.keycloak.client.scope.sync").description("Application client scope updates against Keycloak")
                .tag("outcome", outcome).register(metrics).increment();
    }

    private record Due(TenantId tenant, UUID applicationId, String realm, String clientId, int attempts) {
    }
}
