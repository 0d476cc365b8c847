package dev.bulwark.controlplane.devportal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.AuditRows;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Developer sign-up, log-in, sessions and their separation from member sessions, over HTTP. */
@MicronautTest(transactional = false)
class DeveloperIdentityHttpTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;

    Api api;
    PortalFixture fixture;
    PortalFixture.Tenant tenant;

    @BeforeAll
    void setUp() {
        api = new Api(client);
        fixture = new PortalFixture(api);
        tenant = fixture.tenant();
    }

    @Test
    void signUpStartsASessionWithScopedCookies() {
        String email = Api.unique("Ada") + "@Example.test";
        Api.Reply reply = fixture.signUp(tenant, email);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body().path("developer").path("email").asText()).as("stored normalised").isEqualTo(email.toLowerCase(java.util.Locale.ROOT));
        assertThat(reply.body().path("developer").path("name").asText()).isEqualTo("Dev " + email);
        assertThat(reply.body().path("tenant").path("slug").asText()).isEqualTo(tenant.slug());
        assertThat(reply.body().path("session").path("token").asText()).startsWith("bwdev_");
        assertThat(reply.body().path("session").path("expiresAt").asText()).isNotBlank();
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        String session = reply.cookie("bw_dev_session").orElseThrow();
        assertThat(session).contains("HTTPOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/api/devportal/v1/tenants/" + tenant.slug()).doesNotContain("Secure");
        String csrf = reply.cookie("bw_dev_csrf").orElseThrow();
        assertThat(csrf).doesNotContain("HTTPOnly").containsIgnoringCase("SameSite=Strict");
        // Scoped to this tenant's portal pages and API, never "/": another tenant's portal in the same
        // browser keeps its own token.
        List<String> csrfCookies = reply.raw().getHeaders().getAll("Set-Cookie").stream().filter(c -> c.startsWith("bw_dev_csrf=")).toList();
        assertThat(csrfCookies).extracting(c -> c.replaceAll("(?i).*;\\s*Path=([^;]*).*", "$1"))
                .containsExactlyInAnyOrder("/portal/dev/" + tenant.slug(), "/api/devportal/v1/tenants/" + tenant.slug());

        PortalFixture.Dev dev = PortalFixture.dev(reply, email);
        Api.Reply me = api.get(tenant.base() + "/me", dev.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("developer").path("id").asText()).isEqualTo(dev.id());
        assertThat(me.body().has("session")).isFalse();
        Api.Reply byCookie = api.send(PortalFixture.withCookies(HttpRequest.GET(tenant.base() + "/me"), dev));
        assertThat(byCookie.status()).isEqualTo(200);
        assertThat(AuditRows.forResource(database, dev.id())).extracting(AuditRows.Entry::action).containsExactly("developer.signup");
    }

    @Test
    void signUpValidatesFieldsAndRefusesATakenEmail() {
        Api.Reply bad = api.post(tenant.base() + "/signup", Map.of("email", "not-an-email", "name", "", "password", "short"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").findValuesAsText("path")).containsExactly("email", "name", "password");

        Api.Reply common = api.post(tenant.base() + "/signup", Map.of("email", "x@example.test", "name", "X", "password", "password1234"), null);
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.body().path("errors").findValuesAsText("path")).containsExactly("password");

        PortalFixture.Dev dev = fixture.developer(tenant);
        Api.Reply again = fixture.signUp(tenant, dev.email().toUpperCase());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.key()).isEqualTo("DEVELOPER_EXISTS");
        assertThat(again.body().path("errors").findValuesAsText("path")).containsExactly("email");

        // The same email is a separate identity at another tenant.
        PortalFixture.Tenant elsewhere = fixture.tenant();
        assertThat(fixture.signUp(elsewhere, dev.email()).status()).isEqualTo(201);
    }

    @Test
    void logInGivesTheSameAnswerForUnknownEmailsAndWrongPasswords() {
        PortalFixture.Dev dev = fixture.developer(tenant);

        Api.Reply ok = api.post(tenant.base() + "/sessions", Map.of("email", dev.email(), "password", Api.PASSWORD), null);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().path("developer").path("id").asText()).isEqualTo(dev.id());
        assertThat(ok.cookie("bw_dev_session")).isPresent();

        Api.Reply wrong = api.post(tenant.base() + "/sessions", Map.of("email", dev.email(), "password", "not the password 1"), null);
        Api.Reply unknown = api.post(tenant.base() + "/sessions", Map.of("email", Api.unique("nobody") + "@example.test",
                "password", "not the password 1"), null);
        for (Api.Reply reply : List.of(wrong, unknown)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.key()).isEqualTo("INVALID_CREDENTIALS");
            assertThat(reply.body().path("detail").asText()).isEqualTo(wrong.body().path("detail").asText());
        }
        // A developer of this tenant is nobody at another tenant.
        PortalFixture.Tenant elsewhere = fixture.tenant();
        assertThat(api.post(elsewhere.base() + "/sessions", Map.of("email", dev.email(), "password", Api.PASSWORD), null).status())
                .isEqualTo(401);
    }

    @Test
    void repeatedFailuresAreThrottled() {
        PortalFixture.Dev dev = fixture.developer(tenant);
        Api.Reply last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            last = api.post(tenant.base() + "/sessions", Map.of("email", dev.email(), "password", "wrong password " + attempt), null);
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).isEqualTo(401);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.key()).isEqualTo("LOGIN_THROTTLED");
        assertThat(last.header("Retry-After")).isNotBlank();
        // Even the right password waits until the lock ends.
        assertThat(api.post(tenant.base() + "/sessions", Map.of("email", dev.email(), "password", Api.PASSWORD), null).status())
                .isEqualTo(429);
    }

    @Test
    void consoleRegisteredDeveloperClaimsTheRecordOnlyWithTheInvitationAMemberIssued() {
        String email = Api.unique("console-dev") + "@example.test";
        String developerId = PortalFixture.ok(api.post("/api/v1/developers", Map.of("email", email, "name", "From console"),
                tenant.owner().token())).body().path("id").asText();
        String appId = PortalFixture.ok(api.post("/api/v1/applications", Map.of("name", "Console app", "developerId", developerId),
                tenant.owner().token())).body().path("id").asText();

        Api.Reply before = api.post(tenant.base() + "/sessions", Map.of("email", email, "password", Api.PASSWORD), null);
        assertThat(before.status()).isEqualTo(401);
        assertThat(before.key()).isEqualTo("INVALID_CREDENTIALS");
        // Knowing the email is not enough: that would hand the members' applications and keys to anyone.
        Api.Reply squatter = fixture.signUp(tenant, email);
        assertThat(squatter.status()).isEqualTo(409);
        assertThat(squatter.key()).isEqualTo("DEVELOPER_EXISTS");

        Api.Reply invitation = api.post("/api/v1/developers/" + developerId + "/portal-invitation", Map.of(), tenant.owner().token());
        assertThat(invitation.status()).isEqualTo(201);
        String token = invitation.body().path("token").asText();
        assertThat(invitation.body().path("path").asText()).startsWith("/portal/dev/" + tenant.slug() + "/signup#invitation=").doesNotContain("?");
        Api.Reply reissued = api.post("/api/v1/developers/" + developerId + "/portal-invitation", Map.of(), tenant.owner().token());
        String current = reissued.body().path("token").asText();
        assertThat(signUpWith(email, token).key()).as("a replaced invitation").isEqualTo("DEVELOPER_INVITATION_INVALID");
        String otherEmail = Api.unique("other") + "@example.test";
        assertThat(signUpWith(otherEmail, current).key()).as("another email with a valid token").isEqualTo("DEVELOPER_INVITATION_INVALID");
        assertThat(signUpWith(email, "bwdinv_made-up").body().path("errors").get(0).path("path").asText())
                .as("a bad token is named as the field at fault").isEqualTo("invitation");

        Api.Reply claimed = signUpWith(email, current);
        assertThat(claimed.status()).isEqualTo(201);
        assertThat(claimed.body().path("developer").path("id").asText()).isEqualTo(developerId);
        PortalFixture.Dev dev = PortalFixture.dev(claimed, email);
        assertThat(api.get(tenant.base() + "/applications", dev.token()).body().path("items").findValuesAsText("id")).containsExactly(appId);
        assertThat(signUpWith(email, current).key()).as("used once").isEqualTo("DEVELOPER_INVITATION_INVALID");
        assertThat(fixture.signUp(tenant, email).key()).isEqualTo("DEVELOPER_EXISTS");
        assertThat(api.post("/api/v1/developers/" + developerId + "/portal-invitation", Map.of(), tenant.owner().token()).key())
                .isEqualTo("DEVELOPER_SIGNED_UP");
        assertThat(api.get("/api/v1/developers/" + developerId, tenant.owner().token()).body().path("email").asText()).isEqualTo(email);
    }

    private Api.Reply signUpWith(String email, String invitation) {
        return api.post(tenant.base() + "/signup", Map.of("email", email, "name", "Claimer", "password", Api.PASSWORD,
                "invitation", invitation), null);
    }

    @Test
    void logOutEndsTheSessionAndClearsCookiesEvenWithoutOne() {
        PortalFixture.Dev dev = fixture.developer(tenant);

        Api.Reply out = api.delete(tenant.base() + "/sessions/current", dev.token());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.cookie("bw_dev_session").orElseThrow()).contains("Max-Age=0");
        assertThat(api.get(tenant.base() + "/me", dev.token()).status()).isEqualTo(401);

        Api.Reply anonymous = api.delete(tenant.base() + "/sessions/current", null);
        assertThat(anonymous.status()).isEqualTo(204);
        assertThat(anonymous.cookie("bw_dev_csrf").orElseThrow()).contains("Max-Age=0");
        assertThat(AuditRows.forResource(database, dev.id())).extracting(AuditRows.Entry::action)
                .containsExactly("developer.signup", "developer.logout");
    }

    @Test
    void cookieSessionsNeedTheCsrfHeaderForChangesBearerTokensDoNot() {
        PortalFixture.Dev dev = fixture.developer(tenant);
        String apps = tenant.base() + "/applications";

        Api.Reply missing = api.send(PortalFixture.withCookies(HttpRequest.POST(apps, Map.of("name", "A")), dev)
                .contentType(MediaType.APPLICATION_JSON_TYPE));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.key()).isEqualTo("CSRF_TOKEN_INVALID");
        Api.Reply forged = api.send(PortalFixture.withCookies(HttpRequest.POST(apps, Map.of("name", "A")), dev)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-CSRF-Token", dev.csrf() + "x"));
        assertThat(forged.status()).isEqualTo(403);
        Api.Reply logOut = api.send(PortalFixture.withCookies(HttpRequest.DELETE(tenant.base() + "/sessions/current"), dev));
        assertThat(logOut.status()).isEqualTo(403);
        assertThat(api.get(apps, dev.token()).body().path("items")).isEmpty();

        Api.Reply withHeader = api.send(PortalFixture.withCookies(HttpRequest.POST(apps, Map.of("name", "A")), dev)
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-CSRF-Token", dev.csrf()));
        assertThat(withHeader.status()).isEqualTo(201);
        assertThat(api.post(apps, Map.of("name", "B"), dev.token()).status()).isEqualTo(201);
    }

    @Test
    void memberAndDeveloperSessionsAreNotInterchangeable() {
        PortalFixture.Dev dev = fixture.developer(tenant);
        String memberToken = tenant.owner().token();

        for (String path : List.of("/me", "/applications")) {
            Api.Reply reply = api.get(tenant.base() + path, memberToken);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.key()).isEqualTo("UNAUTHENTICATED");
        }
        Api.Reply memberCookie = api.send(HttpRequest.GET(tenant.base() + "/me")
                .cookie(io.micronaut.http.cookie.Cookie.of("bw_session", memberToken)));
        assertThat(memberCookie.status()).isEqualTo(401);

        for (String path : List.of("/api/v1/me", "/api/v1/apis", "/api/v1/developers", "/api/v1/applications")) {
            Api.Reply reply = api.get(path, dev.token());
            assertThat(reply.status()).as(path).isEqualTo(401);
        }
        Api.Reply devCookie = api.send(HttpRequest.GET("/api/v1/me").cookie(io.micronaut.http.cookie.Cookie.of("bw_session", dev.token())));
        assertThat(devCookie.status()).isEqualTo(401);
        assertThat(api.post("/api/v1/applications", Map.of("name", "x", "developerId", dev.id()), dev.token()).status()).isEqualTo(401);
    }

    @Test
    void aDeveloperSessionOnlyOpensItsOwnTenantsPortal() {
        PortalFixture.Tenant elsewhere = fixture.tenant();
        PortalFixture.Dev dev = fixture.developer(tenant);

        Api.Reply reply = api.get(elsewhere.base() + "/me", dev.token());
        assertThat(reply.status()).isEqualTo(401);
        assertThat(api.get(elsewhere.base() + "/applications", dev.token()).status()).isEqualTo(401);
        assertThat(api.post(elsewhere.base() + "/applications", Map.of("name", "x"), dev.token()).status()).isEqualTo(401);
    }
}
