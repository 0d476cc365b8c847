package dev.bulwark.dataplane.upstream;

import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DNS rebinding against a real gateway: the gateway resolves upstream names with a real DNS server
 * on loopback whose answers the test changes. An "internal service" on 127.0.0.1 and the API's own
 * upstream on 127.0.0.2 listen on the same port; the API may reach 127.0.0.2 only (its snapshot
 * entry's allow-list; it stands in for the public address the name had at save time, since tests
 * here never send traffic off the machine). When the name is rebound to 127.0.0.1, the gateway
 * must refuse to connect, answer 502 UPSTREAM_ADDRESS_FORBIDDEN without naming the address, and
 * the internal service must see nothing.
 */
@ExtendWith(RealServicesExtension.class)
class DnsRebindingTest {
    static final byte[] ALLOWED = {127, 0, 0, 2};
    static final byte[] INTERNAL = {127, 0, 0, 1};
    static Vertx vertx;
    /** Vert.x shares listening sockets by port within one instance: the second address gets its own. */
    static Vertx otherVertx;
    static TestDnsServer dns;
    static HttpServer internal;
    static HttpServer allowed;
    static final AtomicInteger internalRequests = new AtomicInteger();
    static final AtomicInteger allowedRequests = new AtomicInteger();
    static GatewayHarness gateway;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        dns = TestDnsServer.start(vertx);
        internal = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(request -> {
                    internalRequests.incrementAndGet();
                    request.response().end("{\"secret\":\"internal metrics of every tenant\"}");
                }).listen(0, "127.0.0.1").await();
        int port = internal.actualPort();
        otherVertx = Vertx.vertx();
        allowed = otherVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.2"))
                .requestHandler(request -> {
                    allowedRequests.incrementAndGet();
                    request.response().end("{\"ok\":true}");
                }).listen(port, "127.0.0.2").await();
        dns.answer("rebind.bulwark.test", ALLOWED);
        dns.answer("mixed.bulwark.test", ALLOWED, INTERNAL);
        dns.answer("internal.bulwark.test", INTERNAL);
        TimeoutsConfig noRetries = new TimeoutsConfig(1_000, 2_000, 0);
        gateway = GatewayHarness.start(redis, of(1,
                        api("rebind", "/rebind", "http://rebind.bulwark.test:" + port, List.of("127.0.0.2/32"), noRetries),
                        api("mixed", "/mixed", "http://mixed.bulwark.test:" + port, List.of("127.0.0.2/32"), noRetries),
                        api("public-only", "/public-only", "http://internal.bulwark.test:" + port, null, noRetries),
                        api("literal", "/literal", "http://[::ffff:7f00:1]:" + port, null, noRetries)),
                Map.of("BULWARK_GW_UPSTREAM_DNS_SERVERS", dns.address()));
    }

    static ApiEntry api(String id, String basePath, String upstream, List<String> allowed, TimeoutsConfig timeouts) {
        return new ApiEntry(id, "tenant-1", id, null, basePath, List.of(upstream), List.of(), List.of(timeouts), allowed);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        dns.close();
        vertx.close().await();
        otherVertx.close().await();
    }

    @Test
    void aNameReboundToLoopbackIsNotConnectedTo() throws Exception {
        dns.answer("rebind.bulwark.test", ALLOWED);
        HttpResponse<String> before = get("/rebind/data");
        assertThat(before.statusCode()).as("the name resolves through the test DNS server to the allowed address").isEqualTo(200);
        assertThat(allowedRequests.get()).isPositive();

        dns.answer("rebind.bulwark.test", INTERNAL);
        int internalBefore = internalRequests.get();
        HttpResponse<String> after = get("/rebind/data");
        assertThat(after.statusCode()).isEqualTo(502);
        assertThat(after.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(after.body()).contains("\"key\":\"UPSTREAM_ADDRESS_FORBIDDEN\"")
                .doesNotContain("127.0.0").doesNotContain("rebind.bulwark.test").doesNotContain("secret");
        assertThat(internalRequests.get()).as("the internal service saw nothing").isEqualTo(internalBefore);
        assertThat(gateway.gateway.metrics().find("bulwark.upstream.address.forbidden").tag("target", "upstream")
                .counter().count()).isPositive();
    }

    @Test
    void anAnswerMixingAnAllowedAndAForbiddenAddressIsRefusedWhole() throws Exception {
        int internalBefore = internalRequests.get();
        HttpResponse<String> response = get("/mixed/data");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("UPSTREAM_ADDRESS_FORBIDDEN");
        assertThat(internalRequests.get()).isEqualTo(internalBefore);
    }

    @Test
    void anApiWithoutAllowListReachesNoLoopbackNameNorMappedLiteral() throws Exception {
        int internalBefore = internalRequests.get();
        assertThat(get("/public-only/data").body()).contains("UPSTREAM_ADDRESS_FORBIDDEN");
        assertThat(get("/literal/data").body()).as("::ffff:127.0.0.1 is 127.0.0.1").contains("UPSTREAM_ADDRESS_FORBIDDEN");
        assertThat(internalRequests.get()).isEqualTo(internalBefore);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
