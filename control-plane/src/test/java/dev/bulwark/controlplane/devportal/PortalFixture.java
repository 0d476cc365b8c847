package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.api.CatalogTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant set up by its owner over the console API for developer-portal tests: a published API with
 * an auto-approval plan (rate limit and daily quota), a second published API with a manual plan,
 * and a draft API. Developers then sign up over the portal API.
 */
public final class PortalFixture {
    public static final String PASSWORD = Api.PASSWORD;

    public record Tenant(String slug, Api.Session owner, String apiId, String freePlanId, String otherApiId, String goldPlanId,
                  String draftApiId) {
        public String base() {
            return "/api/devportal/v1/tenants/" + slug;
        }
    }

    /** A signed-up developer with the bearer token and the browser's cookies. */
    public record Dev(String id, String email, String token, String sessionCookie, String csrf) {
    }

    private final Api api;

    public PortalFixture(Api api) {
        this.api = api;
    }

    public Tenant tenant() {
        String slug = Api.unique("portal");
        Api.Session owner = api.signUp(slug);
        String apiId = publishedApi(owner, "Pets");
        String freePlanId = ok(api.post("/api/v1/apis/" + apiId + "/plans", Map.of("name", "Free", "approval", "auto",
                "policies", List.of(Map.of("type", "rate-limit", "limit", 100, "periodSeconds", 60),
                        Map.of("type", "quota", "limit", 1000, "period", "day"))), owner.token())).body().path("id").asText();
        String otherApiId = publishedApi(owner, "Orders");
        String goldPlanId = ok(api.post("/api/v1/apis/" + otherApiId + "/plans", Map.of("name", "Gold", "approval", "manual"),
                owner.token())).body().path("id").asText();
        String draftApiId = ok(api.post("/api/v1/apis", Map.of("name", "Secret draft", "openapi", CatalogTestSupport.document("petstore-3.0.json"),
                "basePath", "/draft-" + UUID.randomUUID().toString().substring(0, 8)), owner.token())).body().path("id").asText();
        return new Tenant(slug, owner, apiId, freePlanId, otherApiId, goldPlanId, draftApiId);
    }

    String publishedApi(Api.Session owner, String name) {
        return publishedApi(owner, name, CatalogTestSupport.document("petstore-3.0.json"));
    }

    String publishedApi(Api.Session owner, String name, String document) {
        String apiId = ok(api.post("/api/v1/apis", Map.of("name", name, "openapi", document,
                "basePath", "/" + name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8),
                "upstreamUrls", List.of("https://203.0.113.60")), owner.token())).body().path("id").asText();
        ok(api.send(Api.auth(HttpRequest.PUT("/api/v1/apis/" + apiId + "/policies",
                Map.of("policies", List.of(Map.of("type", "api-key")))).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("If-Match", "W/\"0\""), owner.token())));
        ok(api.post("/api/v1/apis/" + apiId + "/lifecycle", Map.of("state", "published"), owner.token()));
        return apiId;
    }

    Api.Reply signUp(Tenant tenant, String email) {
        return api.post(tenant.base() + "/signup", Map.of("email", email, "name", "Dev " + email, "password", PASSWORD), null);
    }

    public Dev developer(Tenant tenant) {
        String email = Api.unique("dev") + "@example.test";
        return dev(ok(signUp(tenant, email)), email);
    }

    static Dev dev(Api.Reply reply, String email) {
        return new Dev(reply.body().path("developer").path("id").asText(), email,
                reply.body().path("session").path("token").asText(),
                reply.cookie("bw_dev_session").map(PortalFixture::cookieValue).orElse(null),
                reply.cookie("bw_dev_csrf").map(PortalFixture::cookieValue).orElse(null));
    }

    public String application(Tenant tenant, Dev dev, String name) {
        return ok(api.post(tenant.base() + "/applications", Map.of("name", name), dev.token())).body().path("id").asText();
    }

    /** A request authenticated the browser's way: session cookie, plus the CSRF cookie. */
    static <T> MutableHttpRequest<T> withCookies(MutableHttpRequest<T> request, Dev dev) {
        return request.cookie(Cookie.of("bw_dev_session", dev.sessionCookie())).cookie(Cookie.of("bw_dev_csrf", dev.csrf()));
    }

    static String cookieValue(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        return pair.substring(pair.indexOf('=') + 1);
    }

    public static Api.Reply ok(Api.Reply reply) {
        if (reply.status() >= 300) {
            throw new AssertionError("setup call failed: " + reply.status() + " " + reply.body());
        }
        return reply;
    }
}
