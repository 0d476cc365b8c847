package dev.bulwark.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deny by default, role enforcement, Principal binding and CSRF, on probe routes that exist only in this test. */
@MicronautTest(transactional = false)
class AccessControlTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    Api api;
    Api.Session owner;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "AccessControlTest");
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(client);
        owner = api.signUp(Api.unique("access"));
    }

    @Requires(property = "spec.name", value = "AccessControlTest")
    @Controller("/api/v1/probe")
    static class ProbeController {
        @Get("/unannotated")
        String unannotated() {
            return "should never be reached";
        }

        @Get("/owner")
        @RequiresRole(Role.OWNER)
        Map<String, String> owner(Principal principal) {
            return Map.of("tenant", principal.tenantId().toString(), "user", principal.userId().toString(), "role", principal.role().name());
        }

        @Post("/viewer")
        @RequiresRole(Role.VIEWER)
        Map<String, String> viewerWrite(Principal principal) {
            return Map.of("user", principal.userId().toString());
        }

        @Get("/public")
        @PublicEndpoint
        String open() {
            return "open";
        }

        @Get("/public-with-principal")
        @PublicEndpoint
        String publicAskingForPrincipal(Principal principal) {
            return principal.email();
        }
    }

    @Test
    void aRouteWithoutAnAccessAnnotationIsClosedEvenToOwners() {
        assertThat(api.get("/api/v1/probe/unannotated", owner.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/probe/unannotated", null).status()).isEqualTo(403);
    }

    @Test
    void principalIsBoundFromTheSessionNotTheRequest() {
        Reply reply = api.get("/api/v1/probe/owner", owner.token());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("tenant").asText()).isEqualTo(owner.tenantId().toString());
        assertThat(reply.body().path("user").asText()).isEqualTo(owner.userId().toString());
        assertThat(reply.body().path("role").asText()).isEqualTo("OWNER");
    }

    @Test
    void publicRoutesNeedNoSessionButCannotConjureAPrincipal() {
        assertThat(api.get("/api/v1/probe/public", null).status()).isEqualTo(200);
        Reply reply = api.get("/api/v1/probe/public-with-principal", null);
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void cookieSessionsNeedTheCsrfHeaderForUnsafeMethods() {
        Cookie session = Cookie.of("bw_session", owner.sessionCookie());
        Cookie csrf = Cookie.of("bw_csrf", owner.csrf());

        Reply read = api.send(HttpRequest.GET("/api/v1/probe/owner").cookie(session));
        assertThat(read.status()).isEqualTo(200);

        Reply noHeader = api.send(HttpRequest.POST("/api/v1/probe/viewer", "{}").contentType(MediaType.APPLICATION_JSON_TYPE).cookie(session).cookie(csrf));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.key()).isEqualTo("CSRF_TOKEN_INVALID");

        Reply wrongHeader = api.send(HttpRequest.POST("/api/v1/probe/viewer", "{}").contentType(MediaType.APPLICATION_JSON_TYPE)
                .cookie(session).cookie(Cookie.of("bw_csrf", "forged")).header("X-CSRF-Token", "forged"));
        assertThat(wrongHeader.status()).isEqualTo(403);
        assertThat(wrongHeader.key()).isEqualTo("CSRF_TOKEN_INVALID");

        Reply ok = api.send(HttpRequest.POST("/api/v1/probe/viewer", "{}").contentType(MediaType.APPLICATION_JSON_TYPE)
                .cookie(session).cookie(csrf).header("X-CSRF-Token", owner.csrf()));
        assertThat(ok.status()).isEqualTo(200);

        Reply bearer = api.post("/api/v1/probe/viewer", Map.of(), owner.token());
        assertThat(bearer.status()).as("bearer tokens are not ambient credentials, no CSRF header needed").isEqualTo(200);
    }

    @Test
    void insufficientRoleIsForbidden() throws Exception {
        try (var c = database.connect(); var s = c.prepareStatement("UPDATE membership SET role = 'viewer' WHERE user_id = ?")) {
            Api.Session other = api.signUp(Api.unique("demoted"));
            s.setObject(1, other.userId());
            s.executeUpdate();
            Reply reply = api.get("/api/v1/probe/owner", other.token());
            assertThat(reply.status()).as("the role is re-read on every request, not trusted from the token").isEqualTo(403);
            assertThat(reply.key()).isEqualTo("FORBIDDEN");
        }
    }
}
