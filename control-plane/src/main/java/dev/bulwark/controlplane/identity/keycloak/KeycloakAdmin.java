package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.client.jaxrs.internal.ResteasyClientBuilderImpl;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * What the control plane asks of Keycloak's admin REST API (through {@code keycloak-admin-client}).
 * Every operation is idempotent: "ensure" creates what is missing and leaves what exists, and
 * deleting what is already gone succeeds, so the provisioning worker can simply retry.
 * Calls block (bounded by the client's timeouts): callers run on worker threads, never on the
 * HTTP event loop.
 */
@Singleton
@Requires(condition = KeycloakConfigured.class)
public class KeycloakAdmin {
    /** The public client the console's OIDC log-in uses (authorization code + PKCE). */
    public static final String CONSOLE_CLIENT_ID = "bulwark-console";
    /** The audience every application client's tokens carry: what the gateway's jwt policy lists in {@code audiences}. */
    public static final String API_AUDIENCE = "bulwark-api";
    /** Realm role names that grant a Bulwark role, e.g. {@code bulwark-admin}. */
    public static final String ROLE_PREFIX = "bulwark-";

    private final KeycloakSettings settings;
    private final Keycloak keycloak;

    public KeycloakAdmin(KeycloakSettings settings) {
        this.settings = settings;
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(settings.baseUrl())
                .realm(settings.adminRealm())
                .clientId(settings.adminClientId())
                .username(settings.adminUsername())
                .password(settings.adminPassword().orElse(""))
                .grantType("password")
                .resteasyClient(new ResteasyClientBuilderImpl()
                        .connectTimeout(3, TimeUnit.SECONDS)
                        .readTimeout(15, TimeUnit.SECONDS)
                        .connectionPoolSize(4)
                        .build())
                .build();
    }

    public String realmName(java.util.UUID tenantId) {
        return settings.realmPrefix() + tenantId;
    }

    /** The realm, its Bulwark roles and its console client, each created when missing. */
    public void ensureRealm(String realm, String displayName, String consoleRedirectUri, String consoleOrigin) {
        if (!realmExists(realm)) {
            RealmRepresentation representation = new RealmRepresentation();
            representation.setRealm(realm);
            representation.setDisplayName(displayName);
            representation.setEnabled(true);
            representation.setBruteForceProtected(true);
            representation.setRegistrationAllowed(false);
            createIgnoringConflict(() -> keycloak.realms().create(representation));
        }
        RealmResource resource = keycloak.realm(realm);
        for (Role role : Role.values()) {
            String name = roleName(role);
            if (resource.roles().list(name, true).stream().noneMatch(r -> r.getName().equals(name))) {
                createIgnoringConflict(() -> resource.roles().create(new RoleRepresentation(name, "Bulwark " + role.name().toLowerCase(Locale.ROOT), false)));
            }
        }
        if (resource.clients().findByClientId(CONSOLE_CLIENT_ID).isEmpty()) {
            ClientRepresentation console = new ClientRepresentation();
            console.setClientId(CONSOLE_CLIENT_ID);
            console.setName("Bulwark console");
            console.setProtocol("openid-connect");
            console.setPublicClient(true);
            console.setStandardFlowEnabled(true);
            console.setDirectAccessGrantsEnabled(false);
            console.setImplicitFlowEnabled(false);
            console.setServiceAccountsEnabled(false);
            console.setRedirectUris(List.of(consoleRedirectUri));
            console.setWebOrigins(List.of(consoleOrigin));
            console.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", consoleOrigin + "/*"));
            try (Response response = resource.clients().create(console)) {
                requireCreated(response, "console client");
            }
        }
    }

    /**
     * A confidential client for the client-credentials flow only, named {@code clientId}, whose
     * tokens carry exactly {@code scopes} (realm client scopes, made when missing). Returns its secret.
     */
    public String createServiceClient(String realm, String clientId, String name, List<String> scopes) {
        RealmResource resource = keycloak.realm(realm);
        ensureClientScopes(resource, scopes);
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setName(name);
        client.setProtocol("openid-connect");
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        // Only the plan's scopes: none of the realm's default scopes (profile, email, roles...).
        client.setFullScopeAllowed(false);
        client.setDefaultClientScopes(List.of());
        client.setOptionalClientScopes(List.of());
        org.keycloak.representations.idm.ProtocolMapperRepresentation audience = new org.keycloak.representations.idm.ProtocolMapperRepresentation();
        audience.setName("bulwark-api-audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.custom.audience", API_AUDIENCE, "access.token.claim", "true", "id.token.claim", "false"));
        client.setProtocolMappers(List.of(audience));
        try (Response response = resource.clients().create(client)) {
            requireCreated(response, "application client");
        }
        org.keycloak.admin.client.resource.ClientResource created = serviceClient(realm, clientId).orElseThrow();
        for (org.keycloak.representations.idm.ClientScopeRepresentation current : created.getDefaultClientScopes()) {
            created.removeDefaultClientScope(current.getId());
        }
        for (org.keycloak.representations.idm.ClientScopeRepresentation current : created.getOptionalClientScopes()) {
            created.removeOptionalClientScope(current.getId());
        }
        for (org.keycloak.representations.idm.ClientScopeRepresentation scope : resource.clientScopes().findAll()) {
            if (scopes.contains(scope.getName())) {
                created.addDefaultClientScope(scope.getId());
            }
        }
        return created.getSecret().getValue();
    }

    /**
     * Makes the client's (default) scopes exactly {@code scopes}: tokens issued from now on carry
     * them. Idempotent; a missing client is left missing (it was revoked meanwhile).
     */
    public void setClientScopes(String realm, String clientId, List<String> scopes) {
        Optional<org.keycloak.admin.client.resource.ClientResource> found = serviceClient(realm, clientId);
        if (found.isEmpty()) {
            return;
        }
        RealmResource resource = keycloak.realm(realm);
        ensureClientScopes(resource, scopes);
        org.keycloak.admin.client.resource.ClientResource client = found.get();
        List<String> current = new java.util.ArrayList<>();
        for (org.keycloak.representations.idm.ClientScopeRepresentation scope : client.getDefaultClientScopes()) {
            if (scopes.contains(scope.getName())) {
                current.add(scope.getName());
            } else {
                client.removeDefaultClientScope(scope.getId());
            }
        }
        for (org.keycloak.representations.idm.ClientScopeRepresentation scope : resource.clientScopes().findAll()) {
            if (scopes.contains(scope.getName()) && !current.contains(scope.getName())) {
                client.addDefaultClientScope(scope.getId());
            }
        }
    }

    /** Realm client scopes that put their name in the token's {@code scope}, made when missing. */
    private static void ensureClientScopes(RealmResource resource, List<String> scopes) {
        List<org.keycloak.representations.idm.ClientScopeRepresentation> existing = resource.clientScopes().findAll();
        for (String scope : scopes) {
            if (existing.stream().noneMatch(s -> s.getName().equals(scope))) {
                org.keycloak.representations.idm.ClientScopeRepresentation representation = new org.keycloak.representations.idm.ClientScopeRepresentation();
                representation.setName(scope);
                representation.setProtocol("openid-connect");
                representation.setAttributes(Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"));
                try (Response response = resource.clientScopes().create(representation)) {
                    requireCreated(response, "client scope");
                }
            }
        }
    }

    /** Deletes the client: no new token can be had with it. A missing client is already done. */
    public void deleteClient(String realm, String clientId) {
        List<ClientRepresentation> found = keycloak.realm(realm).clients().findByClientId(clientId);
        for (ClientRepresentation client : found) {
            try {
                keycloak.realm(realm).clients().get(client.getId()).remove();
            } catch (NotFoundException alreadyGone) {
                // idempotent
            }
        }
    }

    private Optional<org.keycloak.admin.client.resource.ClientResource> serviceClient(String realm, String clientId) {
        return keycloak.realm(realm).clients().findByClientId(clientId).stream().findFirst()
                .map(c -> keycloak.realm(realm).clients().get(c.getId()));
    }

    public boolean realmExists(String realm) {
        try {
            keycloak.realm(realm).toRepresentation();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Deletes the realm with its users, clients and sessions; a missing realm is already done. */
    public void deleteRealm(String realm) {
        try {
            keycloak.realm(realm).remove();
        } catch (NotFoundException alreadyGone) {
            // idempotent
        }
    }

    public static String roleName(Role role) {
        return ROLE_PREFIX + role.name().toLowerCase(Locale.ROOT);
    }

    /** The strongest Bulwark role among a token's realm roles, if any. */
    public static Optional<Role> strongestRole(List<String> realmRoles) {
        Role best = null;
        for (Role role : Role.values()) {
            if (realmRoles.contains(roleName(role))) {
                best = role;
            }
        }
        return Optional.ofNullable(best);
    }

    RealmResource realm(String realm) {
        return keycloak.realm(realm);
    }

    private static void createIgnoringConflict(Runnable create) {
        try {
            create.run();
        } catch (ClientErrorException e) {
            // Another replica (or an earlier attempt whose answer was lost) created it first.
            if (e.getResponse().getStatus() != 409) {
                throw e;
            }
        }
    }

    static void requireCreated(Response response, String what) {
        int status = response.getStatus();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("Keycloak refused to create the " + what + ": HTTP " + status);
        }
    }

    @PreDestroy
    void close() {
        keycloak.close();
    }
}
