package dev.bulwark.controlplane.devportal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.kernel.RequiresRole;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import dev.bulwark.controlplane.billing.monetization.DeveloperInvoiceCloser;
import dev.bulwark.controlplane.kernel.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Isolation of the developer portal, over every route it has: routes are DISCOVERED from the
 * {@link Router}, so a new portal endpoint is covered the day it is written. A developer route
 * refuses anonymous callers, members, developers of another tenant and forged tokens (401), and a
 * developer calling it with another developer's ids, in the same tenant or another, gets 404 with
 * the victim tenant's data unchanged. A new path variable needs a value in {@link #ids}.
 */
@MicronautTest(transactional = false)
class DevPortalIsolationTest extends RealDatabaseTest {
    private static final String PORTAL = "/api/devportal/";
    /** Valid bodies, so that a refusal is about ownership rather than validation. */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/devportal/v1/tenants/{slug}/applications/{appId}/subscriptions", "{\"planId\": \"{planId}\"}",
            "POST /api/devportal/v1/tenants/{slug}/applications/{appId}/keys", "{\"label\": \"k\", \"environment\": \"staging\"}",
            "POST /api/devportal/v1/tenants/{slug}/applications/{appId}/keys/{keyId}/rotate", "{\"overlapSeconds\": 0}",
            "POST /api/devportal/v1/tenants/{slug}/applications/{appId}/oauth-client/secret", "{\"overlapSeconds\": 0}");

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    Router router;
    @Inject
    DeveloperInvoiceCloser invoiceCloser;

    Api api;
    PortalFixture.Tenant tenantA;
    PortalFixture.Tenant tenantB;
    PortalFixture.Dev victim;
    PortalFixture.Dev colleague;
    PortalFixture.Dev stranger;
    Map<String, String> victimIds;

    @BeforeAll
    void seed() throws Exception {
        api = new Api(client);
        PortalFixture fixture = new PortalFixture(api);
        tenantA = fixture.tenant();
        tenantB = fixture.tenant();
        victim = fixture.developer(tenantA);
        colleague = fixture.developer(tenantA);
        stranger = fixture.developer(tenantB);
        String appId = fixture.application(tenantA, victim, "Victim's");
        PortalFixture.ok(api.post(tenantA.base() + "/applications/" + appId + "/subscriptions", Map.of("planId", tenantA.freePlanId()), victim.token()));
        String keyId = PortalFixture.ok(api.post(tenantA.base() + "/applications/" + appId + "/keys",
                Map.of("label", "k", "environment", "staging"), victim.token())).body().path("id").asText();
        // Plans the callers could legitimately subscribe to, so only the application's owner decides.
        victimIds = Map.of("appId", appId, "keyId", keyId, "apiId", tenantA.apiId(), "planId", tenantA.freePlanId(),
                "invoiceId", victimInvoice(appId));
    }

    /** An invoice of the victim's for the month two months back: a price and the subscription dated before it, then a close. */
    private String victimInvoice(String appId) throws Exception {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        OffsetDateTime before = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC).minusDays(1);
        try (Connection c = database.connect();
             PreparedStatement subscribed = c.prepareStatement("UPDATE subscription SET created_at = ?, decided_at = ? WHERE application_id = ?");
             PreparedStatement price = c.prepareStatement("INSERT INTO plan_price (tenant_id, plan_id, effective_from, currency, monthly_fee, "
                     + "included_requests, tier_mode, tiers) VALUES (?, ?, ?, 'EUR', 10, 0, 'graduated', '[]')")) {
            subscribed.setObject(1, before);
            subscribed.setObject(2, before);
            subscribed.setObject(3, UUID.fromString(appId));
            subscribed.executeUpdate();
            price.setObject(1, tenantA.owner().tenantId());
            price.setObject(2, UUID.fromString(tenantA.freePlanId()));
            price.setObject(3, before);
            price.executeUpdate();
        }
        return invoiceCloser.close(new TenantId(tenantA.owner().tenantId()), UUID.fromString(appId), month, Instant.now())
                .invoices().getFirst().id().toString();
    }

    private List<UriRouteInfo<?, ?>> routes() {
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith(PORTAL))
                .sorted((x, y) -> key(x).compareTo(key(y)))
                .toList();
        assertThat(routes).as("portal routes discovered from the Router").hasSizeGreaterThan(12);
        return routes;
    }

    private static String key(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate();
    }

    private static boolean isDeveloperRoute(UriRouteInfo<?, ?> route) {
        return route.getAnnotationMetadata().hasAnnotation(DeveloperEndpoint.class);
    }

    @Test
    void everyPortalRouteIsPublicOrForDevelopersAndNoneForMembers() {
        for (UriRouteInfo<?, ?> route : routes()) {
            boolean isPublic = route.getAnnotationMetadata().hasAnnotation(PublicEndpoint.class);
            assertThat(isPublic ^ isDeveloperRoute(route)).as("%s is exactly one of public or developer", key(route)).isTrue();
            assertThat(route.getAnnotationMetadata().hasAnnotation(RequiresRole.class)).as(key(route)).isFalse();
            assertThat(route.getUriMatchTemplate().toString()).as(key(route)).startsWith("/api/devportal/v1/tenants/{slug}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPortalRouteIsInTheGeneratedOpenApiDocumentWithItsSecurity() {
        Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(
                client.toBlocking().retrieve(HttpRequest.GET("/api/v1/openapi.yml"), String.class));
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        for (UriRouteInfo<?, ?> route : routes()) {
            if (route.getHttpMethod() == HttpMethod.HEAD || route.getHttpMethod() == HttpMethod.OPTIONS) {
                continue;
            }
            Map<String, Object> path = paths.get(route.getUriMatchTemplate().toString());
            assertThat(path).as("%s in the OpenAPI document", key(route)).isNotNull();
            Map<String, Object> operation = (Map<String, Object>) path.get(route.getHttpMethodName().toLowerCase(java.util.Locale.ROOT));
            assertThat(operation).as(key(route)).isNotNull();
            if (isDeveloperRoute(route)) {
                assertThat(String.valueOf(operation.get("security"))).as(key(route)).contains("developerBearer", "developerSession");
            }
        }
    }

    @Test
    void everyDeveloperRouteRefusesAnyoneButADeveloperOfItsTenant() {
        String forged = DeveloperSessions.PREFIX + "A".repeat(43);
        for (UriRouteInfo<?, ?> route : routes()) {
            if (!isDeveloperRoute(route)) {
                continue;
            }
            for (Map.Entry<String, String> caller : Map.of("anonymous", "", "a member (the owner)", tenantA.owner().token(),
                    "another tenant's developer", stranger.token(), "a forged token", forged).entrySet()) {
                Api.Reply reply = call(route, tenantA, caller.getValue().isEmpty() ? null : caller.getValue());
                assertThat(reply.status()).as("%s by %s", key(route), caller.getKey()).isEqualTo(401);
                if (route.getHttpMethod() != HttpMethod.HEAD) {
                    assertThat(reply.key()).as(key(route)).isEqualTo("UNAUTHENTICATED");
                }
            }
        }
    }

    @Test
    void noConsoleRouteAcceptsADeveloperSession() {
        List<UriRouteInfo<?, ?>> console = router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/v1/"))
                .filter(r -> r.getAnnotationMetadata().hasAnnotation(RequiresRole.class))
                .toList();
        assertThat(console).hasSizeGreaterThan(20);
        for (UriRouteInfo<?, ?> route : console) {
            Map<String, Object> values = new LinkedHashMap<>();
            route.getUriMatchTemplate().getVariableNames().forEach(v -> values.put(v, UUID.randomUUID().toString()));
            MutableHttpRequest<Object> request = HttpRequest.create(route.getHttpMethod(), route.getUriMatchTemplate().expand(values));
            if (route.getHttpMethod() == HttpMethod.POST || route.getHttpMethod() == HttpMethod.PUT || route.getHttpMethod() == HttpMethod.PATCH) {
                request.body("{}").contentType(MediaType.APPLICATION_JSON_TYPE);
            }
            Api.Reply bearer = api.send(Api.auth(request, victim.token()));
            assertThat(bearer.status()).as("%s with a developer's bearer token", key(route)).isEqualTo(401);
        }
    }

    @Test
    void noDeveloperReachesAnotherDevelopersResources() throws Exception {
        int probed = 0;
        for (UriRouteInfo<?, ?> route : routes()) {
            List<String> variables = route.getUriMatchTemplate().getVariableNames();
            if (!isDeveloperRoute(route) || variables.stream().noneMatch(v -> v.equals("appId") || v.equals("keyId") || v.equals("invoiceId"))) {
                continue;
            }
            for (Map.Entry<PortalFixture.Tenant, PortalFixture.Dev> caller : Map.of(tenantA, colleague, tenantB, stranger).entrySet()) {
                Map<String, String> before = digest(tenantA);
                Api.Reply reply = call(route, caller.getKey(), caller.getValue().token());
                assertThat(reply.status()).as("%s by %s with the victim's ids: %s", key(route),
                        caller.getKey() == tenantA ? "a colleague" : "another tenant's developer", reply.body()).isEqualTo(404);
                if (route.getHttpMethod() != HttpMethod.HEAD) {
                    assertThat(reply.key()).as(key(route)).isEqualTo(variables.contains("invoiceId") ? "NOT_FOUND" : "APPLICATION_NOT_FOUND");
                }
                assertThat(digest(tenantA)).as("the victim tenant's data after %s", key(route)).isEqualTo(before);
            }
            probed++;
        }
        assertThat(probed).as("cross-developer probes").isGreaterThanOrEqualTo(7);
    }

    @Test
    void anotherDevelopersKeyIsNotFoundUnderOnesOwnApplication() throws Exception {
        String ownApp = new PortalFixture(api).application(tenantA, colleague, "Colleague's own");
        String keys = tenantA.base() + "/applications/" + ownApp + "/keys/" + victimIds.get("keyId");
        Map<String, String> before = digest(tenantA);

        for (Api.Reply reply : List.of(api.post(keys + "/rotate", Map.of("overlapSeconds", 0), colleague.token()),
                api.delete(keys, colleague.token()), api.delete(tenantA.base() + "/applications/" + ownApp + "/keys/not-a-uuid", colleague.token()))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.key()).isEqualTo("KEY_NOT_FOUND");
        }
        assertThat(digest(tenantA)).isEqualTo(before);
    }

    @Test
    void publicRoutesOfOneTenantDoNotShowAnothersApis() {
        for (UriRouteInfo<?, ?> route : routes()) {
            if (isDeveloperRoute(route) || !route.getUriMatchTemplate().getVariableNames().contains("apiId")) {
                continue;
            }
            Api.Reply reply = call(route, tenantB, null);
            assertThat(reply.status()).as(key(route)).isEqualTo(404);
            if (route.getHttpMethod() != HttpMethod.HEAD) {
                assertThat(reply.key()).as(key(route)).isEqualTo("API_NOT_FOUND");
            }
        }
    }

    /** Calls the route under {@code tenant}'s slug with the victim's ids in every other variable. */
    private Api.Reply call(UriRouteInfo<?, ?> route, PortalFixture.Tenant tenant, String token) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String variable : route.getUriMatchTemplate().getVariableNames()) {
            String value = variable.equals("slug") ? tenant.slug() : victimIds.get(variable);
            if (value == null) {
                fail(key(route) + ": no value for path variable {" + variable + "}; add one to DevPortalIsolationTest's ids");
            }
            values.put(variable, value);
        }
        HttpMethod method = route.getHttpMethod();
        MutableHttpRequest<Object> request = HttpRequest.create(method, route.getUriMatchTemplate().expand(values));
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            String body = BODIES.getOrDefault(key(route), "{\"name\": \"probe\"}");
            for (Map.Entry<String, String> e : victimIds.entrySet()) {
                body = body.replace("{" + e.getKey() + "}", e.getValue());
            }
            request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return api.send(Api.auth(request, token));
    }

    /** md5 of every row the tenant owns, per table (audit included), so any change shows. */
    private Map<String, String> digest(PortalFixture.Tenant tenant) throws Exception {
        Map<String, String> digest = new TreeMap<>();
        UUID id = tenant.owner().tenantId();
        try (Connection c = database.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery("""
                    SELECT table_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            // The realm-provisioning outbox is written by its background worker (Keycloak catching up), never by a request.
            tables.remove("keycloak_realm");
            assertThat(tables).contains("developer", "developer_session", "application", "api_key", "subscription", "audit_event");
            for (String table : tables) {
                try (ResultSet rows = c.createStatement().executeQuery("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \""
                        + table + "\" t WHERE tenant_id = '" + id + "'")) {
                    rows.next();
                    digest.put(table, rows.getString(1));
                }
            }
        }
        return digest;
    }
}
