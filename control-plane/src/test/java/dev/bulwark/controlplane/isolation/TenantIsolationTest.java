package dev.bulwark.controlplane.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.AnnotationMetadata;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation, proven over every route the application has: routes are DISCOVERED from
 * Micronaut's {@link Router}, so a new endpoint is covered the day it is written. For each
 * {@code /api/v1} route:
 * <ol>
 *   <li>without a token it answers 401 (unless {@link PublicEndpoint});</li>
 *   <li>with a member one role below its {@link RequiresRole} it answers 403;</li>
 *   <li>called by tenant A's owner with tenant B's resource ids in every path variable (and in
 *       registered bodies) it answers 404 (or 403; an id named only in a body may also be refused
 *       with 400/409), and tenant B's rows in every table with a
 *       {@code tenant_id} column, its tenant row and its members' user rows are unchanged.</li>
 * </ol>
 *
 * <h2>Adding a resource kind</h2>
 * Path variables get their values from {@link IsolationSeeder} beans. When you add a route with a
 * new path variable (say {@code /api/v1/apis/{apiId}}), add a class in test sources:
 * <pre>{@code
 * @Singleton
 * @Requires(property = "spec.name", value = "TenantIsolationTest")
 * class CatalogSeeder implements IsolationSeeder {
 *     public Map<String, String> seed(Tenant tenant) {
 *         Api.Reply api = tenant.api().post("/api/v1/apis", Map.of(...), tenant.owner().token());
 *         return Map.of("apiId", api.body().path("id").asText());
 *     }
 *     public Map<String, String> sharedValues() { return Map.of("environment", "production"); }
 *     public Map<String, String> bodies() {
 *         return Map.of("PATCH /api/v1/apis/{apiId}", "{\"name\": \"renamed\"}");
 *     }
 * }
 * }</pre>
 * The test fails, naming the route, when a path variable has no seeder, when a cross-tenant call
 * is answered with anything but 404/403 (a 400 usually means a valid body must be registered), or
 * when tenant B's data changed.
 */
@MicronautTest(transactional = false)
class TenantIsolationTest extends RealDatabaseTest {
    private static final String API = "/api/v1/";

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    Router router;
    @Inject
    List<IsolationSeeder> seeders;

    Api api;
    Map<Role, Api.Session> tenantA = new HashMap<>();
    Map<String, String> valuesA = new HashMap<>();
    Api.Session ownerB;
    Map<String, String> valuesB = new HashMap<>();
    Map<String, String> shared = new HashMap<>();
    Map<String, String> bodies = new HashMap<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "TenantIsolationTest");
        return properties;
    }

    @BeforeAll
    void seed() {
        api = new Api(client);
        Api.Session ownerA = api.signUp(Api.unique("tenant-a"));
        tenantA.put(Role.OWNER, ownerA);
        for (Role role : List.of(Role.ADMIN, Role.PUBLISHER, Role.VIEWER)) {
            String email = Api.unique(role.name().toLowerCase()) + "@example.test";
            Reply invited = api.post("/api/v1/invitations", Map.of("email", email, "role", role.name().toLowerCase()), ownerA.token());
            Reply accepted = api.post("/api/v1/invitations/accept", Map.of("token", invited.body().path("token").asText(),
                    "password", Api.PASSWORD, "displayName", role.name()), null);
            tenantA.put(role, Api.session(accepted, email));
        }
        ownerB = api.signUp(Api.unique("tenant-b"));
        for (IsolationSeeder seeder : seeders) {
            valuesA.putAll(seeder.seed(new IsolationSeeder.Tenant(api, ownerA, database)));
            valuesB.putAll(seeder.seed(new IsolationSeeder.Tenant(api, ownerB, database)));
            shared.putAll(seeder.sharedValues());
            bodies.putAll(seeder.bodies());
        }
    }

    private List<UriRouteInfo<?, ?>> apiRoutes() {
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith(API))
                .sorted((x, y) -> key(x).compareTo(key(y)))
                .toList();
        assertThat(routes).as("routes discovered from the Router").hasSizeGreaterThan(8);
        return routes;
    }

    private static String key(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate().toString();
    }

    @Test
    void everyApiRouteDeclaresWhoMayCallIt() {
        List<String> undeclared = apiRoutes().stream()
                .filter(r -> !r.getAnnotationMetadata().hasAnnotation(PublicEndpoint.class)
                        && !r.getAnnotationMetadata().hasAnnotation(RequiresRole.class))
                .map(TenantIsolationTest::key)
                .toList();
        assertThat(undeclared).as("routes without @RequiresRole or @PublicEndpoint").isEmpty();
    }

    @Test
    void everyProtectedRouteRefusesAnonymousCallers() {
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            if (isPublic(route)) {
                continue;
            }
            Reply reply = call(route, valuesB, null);
            assertThat(reply.status()).as("%s without a token", key(route)).isEqualTo(401);
            if (route.getHttpMethod() != HttpMethod.HEAD) {
                assertThat(reply.key()).as(key(route)).isEqualTo("UNAUTHENTICATED");
            }
        }
    }

    @Test
    void everyRoleGatedRouteRefusesTheRoleBelow() {
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            Optional<Role> required = route.getAnnotationMetadata().enumValue(RequiresRole.class, Role.class);
            if (isPublic(route) || required.isEmpty() || required.get() == Role.VIEWER) {
                continue;
            }
            Role below = Role.values()[required.get().ordinal() - 1];
            Reply reply = call(route, valuesA, tenantA.get(below).token());
            assertThat(reply.status()).as("%s as %s (needs %s)", key(route), below, required.get()).isEqualTo(403);
        }
    }

    @Test
    void noRouteReachesAnotherTenantsResources() throws Exception {
        int probed = 0;
        for (UriRouteInfo<?, ?> route : apiRoutes()) {
            List<String> variables = route.getUriMatchTemplate().getVariableNames();
            boolean targetsIds = variables.stream().anyMatch(v -> !shared.containsKey(v));
            boolean bodyNamesIds = bodies.containsKey(key(route)) && valuesB.keySet().stream()
                    .anyMatch(v -> bodies.get(key(route)).contains("{" + v + "}"));
            if (isPublic(route) || !targetsIds && !bodyNamesIds) {
                continue;
            }
            Map<String, String> before = digestOfTenantB();
            Reply reply = call(route, valuesB, tenantA.get(Role.OWNER).token());
            // An id in the path must look absent (404) or be refused by role (403); an id only in the
            // body may also be refused as an invalid field (400) or conflict (409).
            List<Integer> refusals = targetsIds ? List.of(404, 403) : List.of(404, 403, 400, 409);
            assertThat(reply.status())
                    .as("%s by tenant A with tenant B's ids answered %s %s%s", key(route), reply.status(), reply.body(),
                            reply.status() == 400 ? " (register a valid body for this route in an IsolationSeeder)" : "")
                    .isIn(refusals);
            assertThat(digestOfTenantB()).as("tenant B's data after %s by tenant A", key(route)).isEqualTo(before);
            probed++;
        }
        assertThat(probed).as("cross-tenant probes").isGreaterThanOrEqualTo(5);
    }

    private boolean isPublic(UriRouteInfo<?, ?> route) {
        return route.getAnnotationMetadata().hasAnnotation(PublicEndpoint.class);
    }

    private Reply call(UriRouteInfo<?, ?> route, Map<String, String> ids, String token) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String variable : route.getUriMatchTemplate().getVariableNames()) {
            String value = shared.containsKey(variable) ? shared.get(variable) : ids.get(variable);
            if (value == null) {
                fail(key(route) + ": no IsolationSeeder provides a value for path variable {" + variable + "}; see TenantIsolationTest's javadoc");
            }
            values.put(variable, value);
        }
        String uri = route.getUriMatchTemplate().expand(values);
        HttpMethod method = route.getHttpMethod();
        String body = bodies.getOrDefault(key(route), "{}");
        for (Map.Entry<String, String> e : ids.entrySet()) {
            body = body.replace("{" + e.getKey() + "}", e.getValue());
        }
        MutableHttpRequest<Object> request = HttpRequest.create(method, uri);
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            request.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        request.header("If-Match", "W/\"0\"");
        return api.send(Api.auth(request, token));
    }

    /**
     * Tables that a background worker also writes, with the columns a request may write: the worker's
     * bookkeeping (Keycloak catching up on tenant B's realm: attempts, in_sync, synced_at) changes
     * while the probes run, but a request must never change what tenant B's realm should be.
     */
    private static final Map<String, String> WORKER_OWNED = Map.of(
            "keycloak_realm", "concat_ws('|', t.tenant_id, t.realm, t.desired)");

    /** md5 of every row tenant B owns, per table, so any change (insert, update, delete) shows. */
    private Map<String, String> digestOfTenantB() throws Exception {
        Map<String, String> digest = new TreeMap<>();
        UUID tenant = ownerB.tenantId();
        try (Connection c = database.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery("""
                    SELECT table_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name""")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("membership", "invitation", "audit_event");
            for (String table : tables) {
                String row = WORKER_OWNED.getOrDefault(table, "t::text");
                digest.put(table, md5(c, "SELECT md5(coalesce(string_agg(" + row + ", ',' ORDER BY " + row + "), '')) FROM \"" + table
                        + "\" t WHERE tenant_id = '" + tenant + "'"));
            }
            digest.put("tenant", md5(c, "SELECT md5(t::text) FROM tenant t WHERE id = '" + tenant + "'"));
            digest.put("app_user", md5(c, "SELECT md5(coalesce(string_agg(u::text, ',' ORDER BY u::text), '')) FROM app_user u"
                    + " JOIN membership m ON m.user_id = u.id WHERE m.tenant_id = '" + tenant + "'"));
        }
        return digest;
    }

    private static String md5(Connection c, String sql) throws Exception {
        try (ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

}
