package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static dev.bulwark.dataplane.Snapshots.operation;
import static dev.bulwark.dataplane.Snapshots.withOperations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21 item 8: encoded separators and dot segments inside path variables were forwarded raw,
 * so an upstream that decodes them resolved {@code /orders/1%2F..%2Fadmin} out of the operation.
 * Each variant is refused before routing and never reaches the (real, recording) upstream.
 */
@ExtendWith(RealServicesExtension.class)
class PathNormalFormTest {
    static Vertx vertx;
    static TestUpstream upstream;
    static GatewayHarness gateway;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.ok(vertx);
        gateway = GatewayHarness.start(redis, of(1,
                withOperations(api("orders", "/shop", upstream.url() + "/v1"), operation("getOrder", "GET", "/orders/{id}")),
                api("files", "/files", upstream.url())));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        vertx.close().await();
    }

    @Test
    void encodedSeparatorsAndDotSegmentsAreRefusedAndNeverForwarded() throws Exception {
        List<String> attacks = List.of(
                "/shop/orders/1%2F..%2Fadmin", "/shop/orders/1%2fadmin", "/shop/orders/..%2fadmin", "/shop/orders/%2e%2e%2Fadmin",
                "/shop/orders/1%5C..%5Cadmin", "/shop/orders/1%5cadmin", "/shop/orders/1\\..\\admin",
                "/shop/orders/..", "/shop/orders/.", "/shop/orders/%2e%2e", "/shop/orders/%2E.", "/shop/orders/.%2e",
                "/shop/orders/%2e", "/shop/orders/..;x=1", "/shop/orders/%2e%2e;jsessionid=1", "/shop/orders/.;x",
                "/files/a/..;/admin", "/files/%2e%2e/%2e%2e/etc/passwd", "/files/a%2F%2E%2E%2Fb", "/files/a/./b");
        int before = upstream.requests.get();
        for (String attack : attacks) {
            RawHttp.Reply reply = get(attack);
            assertThat(reply.status()).as(attack).isEqualTo(400);
            assertThat(reply.text()).as(attack).contains("application/problem+json").contains("\"key\":\"REQUEST_PATH_INVALID\"");
        }
        assertThat(upstream.requests.get()).as("no variant reached the upstream").isEqualTo(before);
        assertThat(gateway.gateway.metrics().scrape()).contains("REQUEST_PATH_INVALID");
    }

    @Test
    void ordinaryDotsSemicolonsAndEncodingsStillPass() throws Exception {
        for (String path : List.of("/shop/orders/a.b", "/shop/orders/...", "/shop/orders/%2e%2e%2e", "/shop/orders/.hidden",
                "/shop/orders/1;v=2", "/shop/orders/caf%C3%A9", "/shop/orders/a%20b", "/files/v1.2/x..y")) {
            RawHttp.Reply reply = get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            // percent-encoded unreserved characters are forwarded decoded (PathNormalizer): %2e is "."
            String forwarded = path.replace("%2e", ".");
            assertThat(upstream.uris.stream().reduce((first, last) -> last).orElseThrow()).as(path).endsWith(
                    forwarded.startsWith("/shop") ? forwarded.substring("/shop".length()) : forwarded.substring("/files".length()));
        }
    }

    private static RawHttp.Reply get(String target) throws Exception {
        return RawHttp.send(gateway.port, "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }
}
