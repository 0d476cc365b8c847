package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static dev.bulwark.dataplane.Snapshots.operation;
import static dev.bulwark.dataplane.Snapshots.withOperations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class ProxyPipelineTest {
    static Vertx vertx;
    static TestUpstream upstream;
    static GatewayHarness gateway;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.start(vertx, request -> request.response()
                .putHeader("Server", "secret-upstream/1.2")
                .putHeader("X-Powered-By", "PHP/5")
                .putHeader("Connection", "X-Internal-Hop")
                .putHeader("X-Internal-Hop", "leak")
                .putHeader("Keep-Alive", "timeout=5")
                .putHeader("X-Upstream", "yes")
                .end("{\"uri\":\"" + request.uri() + "\"}"));
        ApiKeyAuthConfig apiKey = new ApiKeyAuthConfig(CredentialLocation.HEADER, "X-API-Key", null);
        gateway = GatewayHarness.start(redis, of(1,
                withOperations(api("orders", "/shop", upstream.url() + "/v1"),
                        operation("getOrder", "GET", "/orders/{id}"),
                        operation("listOrders", "GET", "/orders")),
                api("secured", "/secured", upstream.url(), apiKey),
                api("root", "/", upstream.url())));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        vertx.close().await();
    }

    @Test
    void forwardsToTheUpstreamPathWithQueryAndPrefix() throws Exception {
        HttpResponse<String> response = get("/shop/orders/42?expand=items");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"uri\":\"/v1/orders/42?expand=items\"");
        assertThat(response.headers().firstValue("X-Upstream")).hasValue("yes");
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() throws Exception {
        HttpResponse<String> missing = get("/shop/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(missing.body()).contains("\"key\":\"ROUTE_NOT_FOUND\"");
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(URI.create(gateway.url("/shop/orders/1")))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("METHOD_NOT_ALLOWED");
    }

    @Test
    void stripsHopByHopAndInternalHeadersBothWays() throws Exception {
        RawHttp.Reply reply = RawHttp.send(gateway.port, """
                GET /shop/orders/7 HTTP/1.1\r
                Host: shop.example\r
                Connection: keep-alive, X-Client-Hop\r
                X-Client-Hop: must-not-pass\r
                Keep-Alive: timeout=5\r
                Proxy-Authorization: Basic Zm9vOmJhcg==\r
                TE: trailers\r
                X-Bulwark-Tenant: forged\r
                X-Forwarded-For: 203.0.113.9\r
                X-Kept: kept\r
                \r
                """);
        assertThat(reply.status()).isEqualTo(200);
        MultiMap seen = upstream.lastHeaders();
        assertThat(seen.get("X-Kept")).isEqualTo("kept");
        for (String dropped : new String[] {"X-Client-Hop", "Keep-Alive", "Proxy-Authorization", "TE", "X-Bulwark-Tenant"}) {
            assertThat(seen.contains(dropped)).as(dropped).isFalse();
        }
        assertThat(seen.get("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(seen.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.get("X-Forwarded-Host")).isEqualTo("shop.example");
        assertThat(seen.get("Host")).isEqualTo("127.0.0.1:" + upstream.port());

        String head = reply.text().substring(0, reply.text().indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("x-upstream: yes").contains("x-content-type-options: nosniff")
                .doesNotContain("server:").doesNotContain("x-powered-by").doesNotContain("x-internal-hop")
                .doesNotContain("keep-alive: timeout").doesNotContain("strict-transport-security");
    }

    @Test
    void propagatesAValidTraceparentAndReplacesAnInvalidOne() throws Exception {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        get("/shop/orders/1", "traceparent", incoming, "tracestate", "vendor=abc");
        MultiMap seen = upstream.lastHeaders();
        assertThat(seen.get("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01")
                .isNotEqualTo(incoming).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(seen.get("tracestate")).isEqualTo("vendor=abc");

        get("/shop/orders/1", "traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01");
        assertThat(upstream.lastHeaders().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain("00000000000000000000000000000000");
    }

    @Test
    void honoursASaneRequestIdAndReplacesAnInsaneOne() throws Exception {
        HttpResponse<String> sane = get("/shop/orders/1", "X-Request-Id", "abc-123");
        assertThat(sane.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        assertThat(upstream.lastHeaders().get("X-Request-Id")).isEqualTo("abc-123");
        HttpResponse<String> insane = get("/shop/orders/1", "X-Request-Id", "<script>alert(1)</script>");
        assertThat(insane.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
    }

    @Test
    void policyFailureIsAProblemWithItsHeadersAndOnResponseRuns() throws Exception {
        int before = upstream.requests.get();
        HttpResponse<String> refused = get("/secured/thing", "X-API-Key", "bad");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("\"key\":\"API_KEY_INVALID\"");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey");
        assertThat(upstream.requests.get()).as("refused requests never reach the upstream").isEqualTo(before);

        HttpResponse<String> accepted = get("/secured/thing", "X-API-Key", "good-key");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("x-test-policy")).hasValue("seen");
        assertThat(gateway.gateway.metrics().scrape()).contains("bulwark_events_total{kind=\"security\",type=\"authentication_failure\"}");
    }

    @Test
    void dotSegmentsAreRefused() throws Exception {
        RawHttp.Reply reply = RawHttp.send(gateway.port, "GET /shop/../admin HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("REQUEST_PATH_INVALID");
        assertThat(RawHttp.send(gateway.port, "GET /shop/%2e%2e/admin HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void ambiguousFramingIsRefusedAndTheConnectionClosed() throws Exception {
        RawHttp.Reply reply = RawHttp.send(gateway.port, """
                POST /shop/orders HTTP/1.1\r
                Host: x\r
                Content-Length: 4\r
                Transfer-Encoding: chunked\r
                \r
                0\r
                \r
                """);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.closed()).isTrue();
    }

    @Test
    void metricsAreLabelledByApiNotByPath() throws Exception {
        get("/shop/orders/1234567");
        String scrape = gateway.gateway.metrics().scrape();
        assertThat(scrape).contains("bulwark_requests_seconds_count{api=\"orders\",method=\"GET\",status=\"2xx\"}")
                .doesNotContain("1234567").contains("bulwark_upstream_latency_seconds");
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
