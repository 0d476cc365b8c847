package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class SignupAndLoginTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    Api api;

    @BeforeAll
    void setUp() {
        api = new Api(client);
    }

    @Test
    void signUpCreatesTenantOwnerSessionCookiesAndAuditEntry() throws Exception {
        String slug = Api.unique("acme");
        Reply reply = api.post("/api/v1/signup", Map.of("tenantName", "Acme", "tenantSlug", slug, "email", "Ada@Example.test",
                "password", Api.PASSWORD, "displayName", "Ada"), null);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().path("tenant").path("slug").asText()).isEqualTo(slug);
        assertThat(reply.body().path("user").path("email").asText()).as("stored normalised").isEqualTo("ada@example.test");
        assertThat(reply.body().path("role").asText()).isEqualTo("owner");
        assertThat(reply.body().path("session").path("token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(reply.body().path("session").path("expiresAt").asText()).isNotBlank();
        assertThat(reply.cookie("bw_session")).get().asString().containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(reply.cookie("bw_csrf")).get().asString().doesNotContainIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");

        Api.Session session = Api.session(reply, "ada@example.test");
        Reply me = api.get("/api/v1/me", session.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("role").asText()).isEqualTo("owner");
        assertThat(me.body().path("tenant").path("id").asText()).isEqualTo(session.tenantId().toString());

        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT action, actor_email, after::text FROM audit_event WHERE tenant_id = ?")) {
            s.setObject(1, session.tenantId());
            ResultSet rows = s.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("action")).isEqualTo("tenant.signup");
            assertThat(rows.getString("actor_email")).isEqualTo("ada@example.test");
            assertThat(rows.getString(3)).doesNotContain(Api.PASSWORD).doesNotContain("argon2");
        }
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement("SELECT password_hash FROM app_user WHERE lower(email) = 'ada@example.test'")) {
            ResultSet rows = s.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(Api.PASSWORD);
        }
    }

    @Test
    void responsesCarryingASecretAreNeverCached() {
        String slug = Api.unique("nostore");
        String email = "owner-" + slug + "@example.test";
        Reply signUp = api.post("/api/v1/signup", Map.of("tenantName", "No store", "tenantSlug", slug, "email", email,
                "password", Api.PASSWORD, "displayName", "Owner"), null);
        assertThat(signUp.status()).isEqualTo(201);
        assertThat(signUp.header("Cache-Control")).as("sign-up").isEqualTo("no-store");
        Reply logIn = api.post("/api/v1/sessions", Map.of("email", email, "password", Api.PASSWORD), null);
        assertThat(logIn.status()).isEqualTo(200);
        assertThat(logIn.header("Cache-Control")).as("log-in").isEqualTo("no-store");
        String token = logIn.body().path("session").path("token").asText();
        Reply invited = api.post("/api/v1/invitations", Map.of("email", Api.unique("inv") + "@example.test", "role", "viewer"), token);
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.header("Cache-Control")).as("invitation with its token").isEqualTo("no-store");
        Reply refused = api.post("/api/v1/invitations", Map.of("email", "not an email", "role", "viewer"), token);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Cache-Control")).as("an error").isEqualTo("no-store");
    }

    @Test
    void signUpIsAtomicAndRefusesTakenSlugAndKnownEmail() throws Exception {
        Api.Session first = api.signUp(Api.unique("taken"));
        String slug = tenantSlug(first.tenantId());
        String email = Api.unique("newcomer") + "@example.test";

        Reply slugClash = api.post("/api/v1/signup", Map.of("tenantName", "Other", "tenantSlug", slug, "email", email,
                "password", Api.PASSWORD, "displayName", "N"), null);
        assertThat(slugClash.status()).isEqualTo(409);
        assertThat(slugClash.key()).isEqualTo("TENANT_SLUG_TAKEN");
        assertThat(count("SELECT count(*) FROM app_user WHERE email = '" + email + "'")).isZero();

        Reply emailClash = api.post("/api/v1/signup", Map.of("tenantName", "Other", "tenantSlug", Api.unique("fresh"),
                "email", first.email(), "password", Api.PASSWORD, "displayName", "N"), null);
        assertThat(emailClash.status()).isEqualTo(409);
        assertThat(emailClash.key()).isEqualTo("ACCOUNT_EXISTS");
    }

    @Test
    void weakPasswordsAreRefusedNamingTheField() {
        for (String weak : new String[] {"short1!", "password1234", "Qwertyuiop123", "x".repeat(129), "my-name-is-grace-hopper"}) {
            Reply reply = api.post("/api/v1/signup", Map.of("tenantName", "Weak", "tenantSlug", Api.unique("weak"),
                    "email", "grace-hopper@example.test", "password", weak, "displayName", "G"), null);
            assertThat(reply.status()).as(weak).isEqualTo(400);
            assertThat(reply.key()).isEqualTo("VALIDATION_FAILED");
            assertThat(reply.body().path("errors").get(0).path("path").asText()).isEqualTo("password");
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void logInSucceedsAndWrongCredentialsGetTheSameAnswerWhetherOrNotTheAccountExists() {
        Api.Session owner = api.signUp(Api.unique("login"));
        Api.Session again = api.logIn(owner.email(), Api.PASSWORD, null);
        assertThat(again.tenantId()).isEqualTo(owner.tenantId());
        assertThat(api.get("/api/v1/me", again.token()).status()).isEqualTo(200);

        Reply wrongPassword = api.post("/api/v1/sessions", Map.of("email", owner.email(), "password", "not the password at all"), null);
        Reply unknown = api.post("/api/v1/sessions", Map.of("email", Api.unique("nobody") + "@example.test", "password", "not the password at all"), null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrongPassword.key()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknown.key()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrongPassword.body().path("detail")).isEqualTo(unknown.body().path("detail"));
        assertThat(wrongPassword.body().path("title")).isEqualTo(unknown.body().path("title"));

        Reply otherTenant = api.post("/api/v1/sessions", Map.of("email", owner.email(), "password", Api.PASSWORD,
                "tenantSlug", "no-such-tenant"), null);
        assertThat(otherTenant.status()).isEqualTo(401);
        assertThat(otherTenant.key()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void logInsSuccessfulAndFailedAreAudited() throws Exception {
        Api.Session owner = api.signUp(Api.unique("audited"));
        api.post("/api/v1/sessions", Map.of("email", owner.email(), "password", "wrong password here"), null);
        api.logIn(owner.email(), Api.PASSWORD, null);
        assertThat(count("SELECT count(*) FROM audit_event WHERE tenant_id = '" + owner.tenantId() + "' AND action = 'session.login_failed'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_event WHERE tenant_id = '" + owner.tenantId() + "' AND action = 'session.login'")).isEqualTo(1);
    }

    @Test
    void logOutRevokesTheTokenAndClearsCookies() {
        Api.Session owner = api.signUp(Api.unique("logout"));
        Reply out = api.delete("/api/v1/sessions/current", owner.token());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.cookie("bw_session")).get().asString().containsIgnoringCase("Max-Age=0");
        Reply after = api.get("/api/v1/me", owner.token());
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.key()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void wellKnownDocumentsArePublic() {
        Reply jwks = api.send(HttpRequest.GET("/.well-known/jwks.json"));
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.body().path("keys").get(0).path("kty").asText()).isEqualTo("EC");
        assertThat(jwks.body().path("keys").get(0).has("d")).isFalse();
        Reply discovery = api.send(HttpRequest.GET("/.well-known/openid-configuration"));
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.body().path("jwks_uri").asText()).endsWith("/.well-known/jwks.json");
    }

    private String tenantSlug(UUID tenant) throws Exception {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT slug FROM tenant WHERE id = ?")) {
            s.setObject(1, tenant);
            ResultSet rows = s.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.connect(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
