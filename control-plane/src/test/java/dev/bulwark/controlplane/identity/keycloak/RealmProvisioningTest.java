package dev.bulwark.controlplane.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.testing.KeycloakServer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

/** Realm per tenant against the real Keycloak: made at sign-up, idempotent, removed at deletion, caught up after an outage. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealmProvisioningTest extends KeycloakTest {
    private static final Duration PROVISIONED_WITHIN = Duration.ofMinutes(3);

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    RealmProvisioning provisioning;
    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;
    Api api;

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    @Test
    @Order(1)
    void signUpProvisionsTheTenantsRealmWithRolesAndAPkceConsoleClient() {
        Api.Session owner = api.signUp(Api.unique("kc"));
        String realm = realmPrefix + owner.tenantId();

        await().atMost(PROVISIONED_WITHIN).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        RealmResource resource = keycloak.realm(realm);
        assertThat(resource.toRepresentation().isEnabled()).isTrue();
        assertThat(resource.roles().list().stream().map(RoleRepresentation::getName))
                .contains("bulwark-viewer", "bulwark-publisher", "bulwark-admin", "bulwark-owner");
        List<ClientRepresentation> console = resource.clients().findByClientId(KeycloakAdmin.CONSOLE_CLIENT_ID);
        assertThat(console).hasSize(1);
        assertThat(console.getFirst().isPublicClient()).isTrue();
        assertThat(console.getFirst().getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
        assertThat(console.getFirst().getRedirectUris()).singleElement().asString().endsWith(RealmProvisioning.CALLBACK_PATH);

        // Idempotent: provisioning the same tenant again changes nothing and succeeds.
        provisioning.tenantCreated(new TenantId(owner.tenantId()));
        await().atMost(PROVISIONED_WITHIN).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        assertThat(resource.clients().findByClientId(KeycloakAdmin.CONSOLE_CLIENT_ID)).hasSize(1);
    }

    @Test
    @Order(2)
    void deletingTheTenantRemovesItsRealm() {
        Api.Session owner = api.signUp(Api.unique("kcdel"));
        TenantId tenant = new TenantId(owner.tenantId());
        await().atMost(PROVISIONED_WITHIN).until(() -> provisioning.readyRealm(tenant).isPresent());
        String realm = realmPrefix + owner.tenantId();
        assertThat(realmNames()).contains(realm);

        provisioning.tenantDeleted(tenant);

        await().atMost(PROVISIONED_WITHIN).until(() -> provisioning.state(tenant).isEmpty());
        assertThat(realmNames()).doesNotContain(realm);
    }

    /** Last: stops and restarts the shared server (its data survives the restart). */
    @Test
    @Order(3)
    void provisioningCatchesUpWhenKeycloakComesBack() {
        assumeTrue(server.ours(), "an external Keycloak (" + KeycloakServer.URL_ENV + ") is not ours to stop");
        // A tenant offering both log-in methods, provisioned while Keycloak is up.
        String ssoSlug = Api.unique("kcsso");
        Api.Session ssoOwner = api.signUp(ssoSlug);
        await().atMost(PROVISIONED_WITHIN).until(() -> provisioning.readyRealm(new TenantId(ssoOwner.tenantId())).isPresent());
        assertThat(api.send(Api.auth(io.micronaut.http.HttpRequest.PUT("/api/v1/identity-settings",
                java.util.Map.of("passwordLogin", true, "oidcLogin", true)), ssoOwner.token())).status()).isEqualTo(200);
        server.stop();
        Api.Session owner;
        try {
            // Single sign-on says clearly that it is unavailable; the built-in log-in still works.
            Api.Reply sso = api.post("/api/v1/identity/oidc/authorizations", java.util.Map.of("tenantSlug", ssoSlug), null);
            assertThat(sso.status()).isEqualTo(503);
            assertThat(sso.body().path("key").asText()).isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
            assertThat(sso.body().path("detail").asText()).contains("log in with your password");
            assertThat(api.post("/api/v1/sessions", java.util.Map.of("email", ssoOwner.email(), "password", Api.PASSWORD,
                    "tenantSlug", ssoSlug), null).status()).as("password log-in while Keycloak is down").isEqualTo(200);

            owner = api.signUp(Api.unique("kcdown"));
            assertThat(owner.tenantId()).as("sign-up does not depend on Keycloak").isNotNull();
            TenantId tenant = new TenantId(owner.tenantId());
            await().atMost(PROVISIONED_WITHIN).until(() -> provisioning.state(tenant).map(s -> s.attempts() >= 2).orElse(false));
            RealmProvisioning.RealmState failing = provisioning.state(tenant).orElseThrow();
            assertThat(failing.inSync()).isFalse();
            assertThat(failing.lastError()).isNotBlank();
            assertThat(metrics.counter("bulwark.keycloak.provisioning", "action", "present", "outcome", "failed").count())
                    .as("failed attempts are counted").isGreaterThanOrEqualTo(2);
        } finally {
            server.start();
        }
        TenantId tenant = new TenantId(owner.tenantId());
        await().atMost(PROVISIONED_WITHIN).until(() -> provisioning.readyRealm(tenant).isPresent());
        assertThat(realmNames()).contains(realmPrefix + owner.tenantId());
    }

    private List<String> realmNames() {
        return keycloak.realms().findAll().stream().map(r -> r.getRealm()).toList();
    }
}
