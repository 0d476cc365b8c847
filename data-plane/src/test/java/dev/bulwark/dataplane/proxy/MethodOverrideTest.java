package dev.bulwark.dataplane.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21 item 8: plans authorise by the routed method, so a method-override header or
 * {@code _method} parameter that reached the upstream let a read-only subscriber delete. The
 * upstream here honours overrides the way common frameworks do and records what it received.
 */
@ExtendWith(RealServicesExtension.class)
class MethodOverrideTest {
    private static final String KEY = ApiKeys.generate(KeyEnvironment.LIVE);
    private static final List<String> OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
    private static Vertx vertx;
    private static TestUpstream upstream;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        vertx = Vertx.vertx();
        upstream = TestUpstream.start(vertx, request -> request.response().end(effectiveMethod(request.headers(), request.query())));
        ApiEntry orders = new ApiEntry("orders", "tenant-a", "Orders", null, "/orders", List.of(upstream.url()), List.of(
                new OperationEntry("getOrder", "GET", "/{id}", List.of(), List.of()),
                new OperationEntry("deleteOrder", "DELETE", "/{id}", List.of(), List.of())),
                List.of(new ApiKeyAuthConfig(null, null, null)), dev.bulwark.dataplane.Snapshots.LOOPBACK);
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "test", "hash-1", Instant.now(), List.of(orders),
                List.of(new PlanEntry("read-only", "tenant-a", "orders", List.of("getOrder"), List.of())),
                List.of(new ApplicationEntry("app-1", "tenant-a", "Reader", Map.of("orders", "read-only"))),
                List.of(new ApiKeyEntry("k1", ApiKeys.lookupId(KEY), new ApiKeyDigester(GatewayHarness.PEPPER).digest(KEY),
                        "tenant-a", "app-1", List.of(), null)));
        gateway = GatewayHarness.startWithRealPolicies(redis, snapshot);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
        vertx.close().await();
    }

    @Test
    void theReadOnlyPlanRefusesARealDelete() throws Exception {
        RawHttp.Reply reply = send("DELETE /orders/42", "");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text()).contains("OPERATION_NOT_ALLOWED");
    }

    @Test
    void overrideHeadersNeverReachTheUpstream() throws Exception {
        for (String header : OVERRIDE_HEADERS) {
            for (String name : List.of(header, header.toLowerCase(Locale.ROOT), header.toUpperCase(Locale.ROOT))) {
                RawHttp.Reply reply = send("GET /orders/42", name + ": DELETE\r\n" + name + ": PATCH\r\n");
                assertThat(reply.status()).as(name).isEqualTo(200);
                assertThat(reply.text()).as(name).endsWith("GET");
                MultiMap seen = upstream.lastHeaders();
                for (String dropped : OVERRIDE_HEADERS) {
                    assertThat(seen.contains(dropped)).as(name + " → " + dropped).isFalse();
                }
            }
        }
    }

    @Test
    void methodQueryParametersNeverReachTheUpstreamAndTheRestOfTheQueryIsKept() throws Exception {
        for (String parameter : List.of("_method", "_METHOD", "_Method", "%5Fmethod", "%5fMETHOD")) {
            RawHttp.Reply reply = send("GET /orders/42?a=%20b&" + parameter + "=DELETE&c=1&" + parameter + "=PUT;_method=PATCH", "");
            assertThat(reply.status()).as(parameter).isEqualTo(200);
            assertThat(reply.text()).as(parameter).endsWith("GET");
            assertThat(upstream.uris.stream().reduce((first, last) -> last).orElseThrow()).as(parameter)
                    .isEqualTo("/42?a=%20b&c=1");
        }
        assertThat(send("GET /orders/42?_method=DELETE", "").status()).isEqualTo(200);
        assertThat(upstream.uris.stream().reduce((first, last) -> last).orElseThrow()).isEqualTo("/42");
        assertThat(upstream.uris).allSatisfy(uri -> assertThat(uri.toLowerCase(Locale.ROOT)).doesNotContain("method"));
    }

    /** What a framework honouring overrides would execute: the override when present, else GET. */
    private static String effectiveMethod(MultiMap headers, String query) {
        for (String header : OVERRIDE_HEADERS) {
            if (headers.contains(header)) {
                return headers.get(header);
            }
        }
        if (query != null && query.toLowerCase(Locale.ROOT).contains("method=")) {
            return query.substring(query.toLowerCase(Locale.ROOT).indexOf("method=") + 7);
        }
        return "GET";
    }

    private static RawHttp.Reply send(String requestLine, String headers) throws Exception {
        return RawHttp.send(gateway.port, requestLine + " HTTP/1.1\r\nHost: x\r\nX-API-Key: " + KEY + "\r\n" + headers
                + "Connection: close\r\n\r\n");
    }
}
