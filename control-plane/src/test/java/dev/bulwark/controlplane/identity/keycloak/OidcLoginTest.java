package dev.bulwark.controlplane.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Members log in to the console through the tenant's realm (authorization code + PKCE) against the real Keycloak. */
@MicronautTest(transactional = false)
class OidcLoginTest extends KeycloakTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    EmbeddedServer controlPlane;
    @Inject
    RealmProvisioning provisioning;
    Api api;
    final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    @Test
    void aRealmUserWithABulwarkRoleLogsInThroughKeycloakAndGetsAConsoleSessionWithThatRole() throws Exception {
        String slug = Api.unique("sso");
        Api.Session owner = ssoTenant(slug);
        String email = "ada-" + slug + "@example.test";
        realmUser(owner, email, "bulwark-admin");

        Api.Reply begun = api.post("/api/v1/identity/oidc/authorizations", Map.of("tenantSlug", slug), null);
        assertThat(begun.status()).isEqualTo(200);
        String binding = begun.cookie(OidcLoginController.COOKIE).orElseThrow();
        assertThat(binding).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String authorizationUrl = begun.body().path("authorizationUrl").asText();
        assertThat(authorizationUrl).startsWith(server.url() + "/realms/" + realmPrefix)
                .contains("code_challenge_method=S256").contains("client_id=" + KeycloakAdmin.CONSOLE_CLIENT_ID);

        URI callback = new KeycloakBrowser().logIn(authorizationUrl, email, "Kc-password-" + slug);
        assertThat(callback.getPath()).isEqualTo(RealmProvisioning.CALLBACK_PATH);
        HttpResponse<String> back = callback(callback, cookieValue(binding));

        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).contains("/portal/");
        String sessionToken = setCookie(back, "bw_session");
        Api.Reply me = api.get("/api/v1/me", sessionToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("role").asText()).isEqualTo("admin");
        assertThat(me.body().path("user").path("email").asText()).isEqualTo(email);
        assertThat(me.body().path("tenant").path("id").asText()).isEqualTo(owner.tenantId().toString());

        // The state is single use: replaying the same callback starts nothing.
        HttpResponse<String> replay = callback(callback, cookieValue(binding));
        assertThat(replay.headers().firstValue("Location")).contains("/portal/login?sso=expired");
        assertThat(replay.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("bw_session=") && !c.startsWith("bw_session=;"));
    }

    @Test
    void aCallbackFromAnotherBrowserOrWithoutARoleStartsNoSession() throws Exception {
        String slug = Api.unique("ssoneg");
        Api.Session owner = ssoTenant(slug);
        String email = "norole-" + slug + "@example.test";
        realmUser(owner, email, null);

        // Another browser's binding cookie (login CSRF): refused before Keycloak is asked.
        Api.Reply mine = api.post("/api/v1/identity/oidc/authorizations", Map.of("tenantSlug", slug), null);
        Api.Reply theirs = api.post("/api/v1/identity/oidc/authorizations", Map.of("tenantSlug", slug), null);
        URI callback = new KeycloakBrowser().logIn(mine.body().path("authorizationUrl").asText(), email, "Kc-password-" + slug);
        HttpResponse<String> forged = callback(callback, cookieValue(theirs.cookie(OidcLoginController.COOKIE).orElseThrow()));
        assertThat(forged.headers().firstValue("Location")).contains("/portal/login?sso=expired");

        // The right browser, but the realm user holds no bulwark-* role: no session.
        Api.Reply again = api.post("/api/v1/identity/oidc/authorizations", Map.of("tenantSlug", slug), null);
        URI second = new KeycloakBrowser().logIn(again.body().path("authorizationUrl").asText(), email, "Kc-password-" + slug);
        HttpResponse<String> noRole = callback(second, cookieValue(again.cookie(OidcLoginController.COOKIE).orElseThrow()));
        assertThat(noRole.headers().firstValue("Location")).contains("/portal/login?sso=no_role");
    }

    @Test
    void ssoIsOfferedOnlyWhereTheTenantTurnedItOnAndPasswordLogInCanBeTurnedOff() {
        String slug = Api.unique("ssooff");
        Api.Session owner = api.signUp(slug);
        await().atMost(Duration.ofMinutes(3)).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        assertThat(api.post("/api/v1/identity/oidc/authorizations", Map.of("tenantSlug", slug), null).status()).isEqualTo(404);

        Api.Reply neither = api.send(Api.auth(io.micronaut.http.HttpRequest.PUT("/api/v1/identity-settings",
                Map.of("passwordLogin", false, "oidcLogin", false)), owner.token()).header("X-CSRF-Token", owner.csrf()));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body().path("errors").get(0).path("path").asText()).isEqualTo("passwordLogin");

        Api.Reply ssoOnly = putSettings(owner, false, true);
        assertThat(ssoOnly.status()).isEqualTo(200);
        assertThat(ssoOnly.body().path("realmReady").asBoolean()).isTrue();
        assertThat(ssoOnly.body().path("issuer").asText()).isEqualTo(server.url() + "/realms/" + realmPrefix + owner.tenantId());
        assertThat(api.post("/api/v1/sessions", Map.of("email", owner.email(), "password", Api.PASSWORD, "tenantSlug", slug), null).status())
                .as("password log-in is off for this tenant").isEqualTo(401);
        assertThat(api.post("/api/v1/identity/oidc/authorizations", Map.of("tenantSlug", slug), null).status()).isEqualTo(200);
    }

    Api.Session ssoTenant(String slug) {
        Api.Session owner = api.signUp(slug);
        await().atMost(Duration.ofMinutes(3)).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        assertThat(putSettings(owner, true, true).status()).isEqualTo(200);
        return owner;
    }

    Api.Reply putSettings(Api.Session owner, boolean password, boolean oidc) {
        return api.send(Api.auth(io.micronaut.http.HttpRequest.PUT("/api/v1/identity-settings",
                Map.of("passwordLogin", password, "oidcLogin", oidc)), owner.token()));
    }

    void realmUser(Api.Session owner, String email, String role) {
        RealmResource realm = keycloak.realm(realmPrefix + owner.tenantId());
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setEnabled(true);
        user.setFirstName("Ada");
        user.setLastName("Lovelace");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue("Kc-password-" + email.substring(email.indexOf('-') + 1, email.indexOf('@')));
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (var created = realm.users().create(user)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        if (role != null) {
            String id = realm.users().searchByEmail(email, true).getFirst().getId();
            realm.users().get(id).roles().realmLevel().add(List.of(realm.roles().get(role).toRepresentation()));
        }
    }

    HttpResponse<String> callback(URI fromKeycloak, String binding) throws Exception {
        URI ours = URI.create("http://127.0.0.1:" + controlPlane.getPort() + fromKeycloak.getRawPath() + "?" + fromKeycloak.getRawQuery());
        return http.send(HttpRequest.newBuilder(ours).header("Cookie", OidcLoginController.COOKIE + "=" + binding).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String cookieValue(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        return pair.substring(pair.indexOf('=') + 1);
    }

    static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).map(OidcLoginTest::cookieValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }
}
