package dev.bulwark.dataplane.routing;

import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The route-capture attack of the penetration test (issue 21, item 1), played against a real
 * gateway: the victim tenant serves {@code /echo}; a snapshot then adds another tenant's route
 * that would take the victim's clients (a path below it, a path above it, a host-bound
 * {@code /}). The gateway must refuse that snapshot and keep the one in force, so the victim's
 * client, its key and its body still reach only the victim's upstream.
 */
@ExtendWith(RealServicesExtension.class)
class RouteCaptureTest {
    private static final String VICTIM_KEY = "bwk_live_victimsecretkey";

    Vertx vertx;
    TestUpstream victim;
    TestUpstream attacker;

    @BeforeEach
    void upstreams() {
        vertx = Vertx.vertx();
        victim = TestUpstream.start(vertx, request -> request.response().end("victim"));
        attacker = TestUpstream.start(vertx, request -> request.response().end("attacker"));
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void extensionAnotherTenantsRouteBelowTheVictimsIsRefused(TestRedis redis) throws Exception {
        // longest base path wins: /echo/items would take the victim's /echo/items/42
        assertCaptureRefused(redis, victimAt("/echo"), route("attacker-api", "tenant-attacker", null, "/echo/items", attacker));
    }

    @Test
    void prefixAnotherTenantsRouteAboveTheVictimsOnItsHostIsRefused(TestRedis redis) throws Exception {
        // a host-bound route wins over a host-less one, even with a shorter base path
        assertCaptureRefused(redis, victimAt("/echo/items"),
                route("attacker-api", "tenant-attacker", "echo.example.com", "/echo", attacker));
    }

    @Test
    void hostAnotherTenantsHostBoundRootIsRefused(TestRedis redis) throws Exception {
        assertCaptureRefused(redis, victimAt("/echo"), route("attacker-api", "tenant-attacker", "echo.example.com", "/", attacker));
    }

    @Test
    void aTenantMayNestItsOwnRoutes(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, victimAt("/echo")))) {
            gateway.publish(of(2, victimAt("/echo"), route("victim-v2", "tenant-victim", null, "/echo/items", attacker)));
            await().until(() -> gateway.version() == 2);
            assertThat(call(gateway, "echo.example.com").text()).endsWith("attacker");
        }
    }

    private void assertCaptureRefused(TestRedis redis, ApiEntry victimRoute, ApiEntry capture) throws Exception {
        String host = "echo.example.com";
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, victimRoute))) {
            assertThat(call(gateway, host).text()).endsWith("victim");
            double refusedBefore = refused(gateway);

            gateway.publish(of(2, victimRoute, capture));
            await().until(() -> refused(gateway) > refusedBefore);

            assertThat(gateway.version()).as("the last good snapshot stays in force").isEqualTo(1);
            RawHttp.Reply reply = call(gateway, host);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text()).endsWith("victim");
            assertThat(victim.lastHeaders().get("x-api-key")).isEqualTo(VICTIM_KEY);
            assertThat(attacker.requests.get()).as("nothing of the victim's clients reaches the other tenant").isZero();
        }
    }

    private static RawHttp.Reply call(GatewayHarness gateway, String host) throws Exception {
        String body = "{\"card\":\"4111111111111111\"}";
        return RawHttp.send(gateway.port, "POST /echo/items/42 HTTP/1.1\r\nHost: " + host + "\r\nX-API-Key: " + VICTIM_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    private double refused(GatewayHarness gateway) {
        return gateway.gateway.metrics().get("bulwark.snapshot.load.failures").counter().count();
    }

    private ApiEntry victimAt(String basePath) {
        return route("victim-api", "tenant-victim", null, basePath, victim);
    }

    private static ApiEntry route(String id, String tenant, String host, String basePath, TestUpstream upstream) {
        return new ApiEntry(id, tenant, id, host, basePath, List.of(upstream.url()), List.of(), List.of(), Snapshots.LOOPBACK);
    }
}
