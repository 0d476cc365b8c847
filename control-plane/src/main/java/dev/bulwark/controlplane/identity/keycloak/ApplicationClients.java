package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Developer applications as confidential Keycloak clients in the tenant's realm: client id = the
 * application id (so the gateway's {@code azp} mapping finds the application), client-credentials
 * flow only, and as scopes exactly the required scopes of the operations the application's active
 * plans allow. The secret is Keycloak's and is shown once; revocation deletes the client.
 * <p>Rotation with overlap: a Keycloak client holds one secret, so a rotation makes a new client
 * {@code <application id>-<generation>} (the snapshot maps it to the application too) and the
 * previous one is listed in {@code oauth_client_retiring} until {@link ClientRetirement} deletes it
 * when the overlap ends.
 * <p>Hand SQL: one row per application, always filtered by the caller's tenant. The application
 * itself is read by SQL too: the application feature depends (through developers) on identity, so
 * identity may not depend back on it.
 */
@Singleton
@Requires(condition = KeycloakConfigured.class)
public class ApplicationClients {
    private final RealmProvisioning realms;
    private final KeycloakAdmin keycloak;
    private final RealmEndpoints endpoints;
    private final AuditTrail audit;
    private final Sql sql;
    private final KeycloakSettings settings;

    public ApplicationClients(RealmProvisioning realms, KeycloakAdmin keycloak, RealmEndpoints endpoints,
                              AuditTrail audit, Sql sql, KeycloakSettings settings) {
        this.settings = settings;
        this.realms = realms;
        this.keycloak = keycloak;
        this.endpoints = endpoints;
        this.audit = audit;
        this.sql = sql;
    }

    /**
     * @param clientSecret only in the answer that created or rotated it; null otherwise
     * @param tokenUrl     where to post {@code grant_type=client_credentials}
     */
    @io.micronaut.core.annotation.Introspected
    public record OAuthClient(String clientId, String clientSecret, String tokenUrl, List<String> scopes,
                              List<RetiringClient> retiringClients) {
    }

    /** A previous client of the application whose secret still works until {@code retiresAt}. */
    @io.micronaut.core.annotation.Introspected
    public record RetiringClient(String clientId, java.time.Instant retiresAt) {
    }

    /** The body of a rotation: how long the previous secret keeps working (absent: the configured default). */
    @io.micronaut.core.annotation.Introspected
    public record SecretRotation(@io.micronaut.core.annotation.Nullable Long overlapSeconds) {
        public java.time.Duration overlap() {
            return overlapSeconds == null ? null : java.time.Duration.ofSeconds(overlapSeconds);
        }
    }

    /** Longest overlap a rotation may ask for. */
    static final java.time.Duration MAX_OVERLAP = java.time.Duration.ofDays(7);

    @Transactional
    public OAuthClient create(Principal actor, UUID applicationId) {
        String name = applicationName(actor.tenantId(), applicationId);
        String realm = readyRealm(actor.tenantId());
        boolean live = sql.one("SELECT 1 FROM application_oauth_client WHERE tenant_id = ? AND application_id = ? AND revoked_at IS NULL FOR UPDATE",
                row -> true, actor.tenantId(), applicationId).orElse(false);
        if (live) {
            throw ProblemException.conflict("OAUTH_CLIENT_EXISTS", "The application already has an OAuth client; rotate its secret or revoke it");
        }
        List<String> scopes = planScopes(actor.tenantId(), applicationId);
        // A client left over from a revoked one (or a lost answer) would make the create fail: start clean.
        keycloak.deleteClient(realm, applicationId.toString());
        String secret = keycloak.createServiceClient(realm, applicationId.toString(), name, scopes);
        sql.update("""
                INSERT INTO application_oauth_client (application_id, tenant_id, realm, scopes, client_id) VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (application_id) DO UPDATE SET realm = excluded.realm, scopes = excluded.scopes, created_at = now(),
                    client_id = excluded.client_id, generation = 0,
                    secret_rotated_at = NULL, revoked_at = NULL, scopes_stale = false, scopes_attempts = 0""",
                applicationId, actor.tenantId(), realm, json(scopes), applicationId.toString());
        audit.record(actor, "application.oauth_client_created", "application", applicationId.toString(), null, Map.of("scopes", scopes));
        return new OAuthClient(applicationId.toString(), secret, tokenUrl(realm), scopes, List.of());
    }

    /**
     * A new secret, shown once, on a new client {@code <application id>-<generation>}; the previous
     * client (and its secret) keeps working for {@code overlap} (the configured default when null),
     * then {@link ClientRetirement} deletes it. A zero overlap deletes it now.
     */
    @Transactional
    public OAuthClient rotateSecret(Principal actor, UUID applicationId, java.time.Duration overlap) {
        java.time.Duration window = overlap == null ? settings.secretOverlap() : overlap;
        if (window.isNegative() || window.compareTo(MAX_OVERLAP) > 0) {
            throw ProblemException.invalid("overlapSeconds", "must be between 0 and " + MAX_OVERLAP.toSeconds());
        }
        String name = applicationName(actor.tenantId(), applicationId);
        Live client = live(actor.tenantId(), applicationId, true);
        int generation = client.generation() + 1;
        String clientId = applicationId + "-" + generation;
        List<String> scopes = planScopes(actor.tenantId(), applicationId);
        // A client of this generation left by a rotation whose transaction rolled back: start clean.
        keycloak.deleteClient(client.realm(), clientId);
        String secret = keycloak.createServiceClient(client.realm(), clientId, name, scopes);
        java.time.Instant retiresAt = java.time.Instant.now().plus(window);
        if (window.isZero()) {
            keycloak.deleteClient(client.realm(), client.clientId());
        } else {
            sql.update("""
                    INSERT INTO oauth_client_retiring (tenant_id, application_id, realm, client_id, retires_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (application_id, client_id) DO UPDATE SET retires_at = excluded.retires_at""",
                    actor.tenantId(), applicationId, client.realm(), client.clientId(), java.sql.Timestamp.from(retiresAt));
        }
        sql.update("""
                UPDATE application_oauth_client SET client_id = ?, generation = ?, scopes = ?::jsonb, scopes_stale = false,
                    scopes_attempts = 0, secret_rotated_at = now() WHERE tenant_id = ? AND application_id = ?""",
                clientId, generation, json(scopes), actor.tenantId(), applicationId);
        audit.record(actor, "application.oauth_client_secret_rotated", "application", applicationId.toString(), null,
                Map.of("clientId", clientId, "previousClientId", client.clientId(), "overlapSeconds", window.toSeconds()));
        return new OAuthClient(clientId, secret, tokenUrl(client.realm()), scopes, retiring(actor.tenantId(), applicationId));
    }

    /** Revokes the current client and every retiring one: no secret of the application works any more. */
    @Transactional
    public void revoke(Principal actor, UUID applicationId) {
        Live client = live(actor.tenantId(), applicationId, true);
        keycloak.deleteClient(client.realm(), client.clientId());
        for (RetiringClient old : retiring(actor.tenantId(), applicationId)) {
            keycloak.deleteClient(client.realm(), old.clientId());
        }
        sql.update("DELETE FROM oauth_client_retiring WHERE tenant_id = ? AND application_id = ?", actor.tenantId(), applicationId);
        // Tokens already issued are self-contained: the gateway refuses those older than this (snapshot).
        sql.update("UPDATE application_oauth_client SET revoked_at = now(), tokens_not_before = now() WHERE tenant_id = ? AND application_id = ?",
                actor.tenantId(), applicationId);
        audit.record(actor, "application.oauth_client_revoked", "application", applicationId.toString(), null, null);
    }

    @Transactional(readOnly = true)
    public OAuthClient describe(Principal actor, UUID applicationId) {
        Live client = live(actor.tenantId(), applicationId, false);
        return new OAuthClient(client.clientId(), null, tokenUrl(client.realm()), client.scopes(),
                retiring(actor.tenantId(), applicationId));
    }

    private Live live(TenantId tenant, UUID applicationId, boolean lock) {
        applicationName(tenant, applicationId);
        return sql.one("SELECT realm, scopes::text AS scopes, client_id, generation FROM application_oauth_client"
                                + " WHERE tenant_id = ? AND application_id = ? AND revoked_at IS NULL" + (lock ? " FOR UPDATE" : ""),
                        row -> new Live(row.getString("realm"), scopes(row.getString("scopes")), row.getString("client_id"),
                                row.getInt("generation")), tenant, applicationId)
                .orElseThrow(() -> new ProblemException(404, "OAUTH_CLIENT_NOT_FOUND", "Not found", "The application has no OAuth client", null));
    }

    private List<RetiringClient> retiring(TenantId tenant, UUID applicationId) {
        return sql.list("SELECT client_id, retires_at FROM oauth_client_retiring WHERE tenant_id = ? AND application_id = ? ORDER BY retires_at",
                row -> new RetiringClient(row.getString("client_id"), row.getTimestamp("retires_at").toInstant()), tenant, applicationId);
    }

    /** The required scopes of every operation the application's active subscriptions' plans allow (all operations when a plan lists none). */
    List<String> planScopes(TenantId tenant, UUID applicationId) {
        return sql.list("""
                SELECT DISTINCT scope FROM subscription s
                JOIN plan p ON p.id = s.plan_id AND p.tenant_id = s.tenant_id
                JOIN api_operation o ON o.api_id = s.api_id AND o.tenant_id = s.tenant_id
                CROSS JOIN LATERAL jsonb_array_elements_text(o.required_scopes) AS scope
                WHERE s.tenant_id = ? AND s.application_id = ? AND s.status = 'active'
                  AND (jsonb_array_length(p.allowed_operations) = 0 OR p.allowed_operations @> to_jsonb(o.operation_key))
                ORDER BY scope""", row -> row.getString("scope"), tenant, applicationId);
    }

    /** The tenant's application's name; another tenant's application is as absent as a missing one. */
    private String applicationName(TenantId tenant, UUID applicationId) {
        return sql.one("SELECT name FROM application WHERE tenant_id = ? AND id = ?", row -> row.getString("name"), tenant, applicationId)
                .orElseThrow(() -> ProblemException.notFound("Application"));
    }

    private String readyRealm(TenantId tenant) {
        return realms.readyRealm(tenant).orElseThrow(() -> new ProblemException(409, "REALM_NOT_READY", "Conflict",
                "The organisation's Keycloak realm is not provisioned yet; try again shortly", null));
    }

    private String tokenUrl(String realm) {
        return endpoints.issuer(realm) + "/protocol/openid-connect/token";
    }

    static String json(List<String> scopes) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(scopes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> scopes(String json) {
        try {
            return List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Live(String realm, List<String> scopes, String clientId, int generation) {
    }
}
