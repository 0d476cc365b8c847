package dev.bulwark.dataplane.policy.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.policy.HttpProbe;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21 item 8: a CORS preflight to an API with operations was answered 405 by routing (no
 * OPTIONS operation) before the cors policy could answer it. Through the real gateway with the real
 * cors and api-key policies and a real upstream.
 */
@ExtendWith(RealServicesExtension.class)
class CorsPreflightRoutingTest {
    private static final String ORIGIN = "https://shop.example.com";
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.ok(vertx);
        List<OperationEntry> operations = List.of(
                new OperationEntry("getItem", "GET", "/items/{id}", List.of(), List.of()),
                new OperationEntry("createItem", "POST", "/items", List.of(), List.of()));
        ApiEntry withCors = new ApiEntry("shop", "tenant-a", "Shop", null, "/shop", List.of(upstream.url()), operations, List.of(
                new CorsConfig(List.of(ORIGIN), List.of("GET", "POST", "DELETE"), List.of("Content-Type", "X-API-Key"), null, true, 300),
                new ApiKeyAuthConfig(null, null, null)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        ApiEntry withoutCors = new ApiEntry("plain", "tenant-a", "Plain", null, "/plain", List.of(upstream.url()), operations,
                List.of(new ApiKeyAuthConfig(null, null, null)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        gateway = GatewayHarness.startWithRealPolicies(redis, new Snapshot(Snapshot.SCHEMA_VERSION, 1, "test", "hash-1", Instant.now(),
                List.of(withCors, withoutCors), List.of(), List.of(), List.of()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        vertx.close().await();
    }

    @Test
    void aPreflightForADefinedOperationIsAnsweredByTheCorsPolicyWithoutAuthentication() {
        int before = upstream.requests.get();
        HttpResponse<String> get = preflight("/shop/items/42", ORIGIN, "GET", "x-api-key");
        assertThat(get.statusCode()).isEqualTo(204);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(get.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(get.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST, DELETE");
        assertThat(get.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, X-API-Key");
        assertThat(get.headers().firstValue("Access-Control-Max-Age")).hasValue("300");
        assertThat(get.headers().firstValue("Vary")).hasValue("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        assertThat(get.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(get.body()).isEmpty();

        assertThat(preflight("/shop/items", ORIGIN, "POST", "content-type").statusCode()).isEqualTo(204);
        assertThat(preflight("/shop/items/42/", ORIGIN, "GET", null).statusCode()).as("trailing slash").isEqualTo(204);
        assertThat(upstream.requests.get()).as("a preflight never reaches the upstream").isEqualTo(before);
    }

    @Test
    void aDisallowedPreflightGetsTheCorsPolicysOwnRefusal() {
        assertProblem(preflight("/shop/items/42", "https://evil.example", "GET", null), 403, "CORS_ORIGIN_DENIED");
        assertProblem(preflight("/shop/items/42", ORIGIN, "GET", "x-secret"), 403, "CORS_HEADERS_DENIED");
        assertProblem(preflight("/shop/items/42", ORIGIN, "PUT", null), 403, "CORS_METHOD_DENIED");
        // HEAD routes to the GET operation, but is not among the policy's allowMethods.
        assertProblem(preflight("/shop/items/42", ORIGIN, "HEAD", null), 403, "CORS_METHOD_DENIED");
        // DELETE is an allowed CORS method, but this path has no DELETE operation to call.
        assertProblem(preflight("/shop/items/42", ORIGIN, "DELETE", null), 403, "CORS_METHOD_DENIED");
        HttpResponse<String> refused = preflight("/shop/items/42", "https://evil.example", "DELETE", null);
        assertProblem(refused, 403, "CORS_ORIGIN_DENIED");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.headers().firstValue("Vary")).hasValue("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    }

    @Test
    void theActualRequestStillNeedsItsCredentials() {
        HttpResponse<String> actual = HttpProbe.get(gateway.port, "/shop/items/42", "Origin", ORIGIN);
        assertProblem(actual, 401, "API_KEY_MISSING");
        assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    }

    @Test
    void withoutTheCorsPolicyOrWithoutPreflightHeadersRoutingAnswersAsBefore() {
        assertProblem(preflight("/plain/items/42", ORIGIN, "GET", null), 405, "METHOD_NOT_ALLOWED");
        assertProblem(HttpProbe.send("OPTIONS", gateway.port, "/shop/items/42", "Origin", ORIGIN), 405, "METHOD_NOT_ALLOWED");
        assertProblem(HttpProbe.send("OPTIONS", gateway.port, "/shop/items/42", "Access-Control-Request-Method", "GET"), 405,
                "METHOD_NOT_ALLOWED");
        assertProblem(preflight("/shop/nothing", ORIGIN, "GET", null), 404, "ROUTE_NOT_FOUND");
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String headers) {
        return headers == null
                ? HttpProbe.send("OPTIONS", gateway.port, path, "Origin", origin, "Access-Control-Request-Method", method)
                : HttpProbe.send("OPTIONS", gateway.port, path, "Origin", origin, "Access-Control-Request-Method", method,
                        "Access-Control-Request-Headers", headers);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String key) {
        assertThat(response.statusCode()).as(key).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"key\":\"" + key + "\"");
    }
}
