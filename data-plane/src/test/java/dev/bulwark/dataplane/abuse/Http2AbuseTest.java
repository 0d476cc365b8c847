package dev.bulwark.dataplane.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11's HTTP/2 attacks (rapid reset, CONTINUATION, SETTINGS and PING floods, HPACK abuse),
 * written frame by frame (RawHttp2, h2c with prior knowledge from 127.0.0.2) against a real gateway
 * and a recording upstream, with an HTTP/1.1 bystander of another tenant's API.
 */
@ExtendWith(RealServicesExtension.class)
class Http2AbuseTest {
    static AbuseArena arena;

    @BeforeAll
    static void start(TestRedis redis) throws Exception {
        arena = new AbuseArena(redis, Map.of(
                "BULWARK_GW_HTTP2_CLEARTEXT", "true",
                "BULWARK_GW_HTTP2_MAX_CONCURRENT_STREAMS", "50",
                "BULWARK_GW_HTTP2_MAX_RESETS", "50",
                "BULWARK_GW_HTTP2_MAX_CONTROL_FRAMES", "50",
                "BULWARK_GW_HTTP2_FLOOD_WINDOW_MS", "1000"));
    }

    @AfterAll
    static void stop() {
        arena.close();
    }

    @Test
    void rapidResetClosesTheConnectionAbortsUpstreamRequestsAndCannotOpenTheBreaker() throws Exception {
        arena.upstream.hangingPath = "/rapid-reset"; // its upstream requests would hang until the 30 s read timeout
        try (Bystander bystander = arena.bystander(); RawHttp2 attacker = new RawHttp2(arena.gateway.port, AbuseArena.ATTACKER)) {
            boolean closedByGateway = attacker.floodUntilClosed(i -> {
                attacker.get(2 * i + 1, "/a/rapid-reset", true);
                attacker.reset(2 * i + 1);
            }, 1_000);
            soon().until(attacker.closed::get);
            assertThat(closedByGateway || attacker.goAway.get() >= 0).isTrue();
            // whatever reached the upstream was aborted at once, not left to time out
            soon().atMost(Duration.ofSeconds(2)).until(() -> arena.upstream.openConnectionsWith("/rapid-reset") == 0);
            assertThat(arena.upstream.complete.stream().filter(r -> r.contains("/rapid-reset")).count())
                    .as("the reset limit (50) stopped the flood long before 1,000 streams").isLessThan(200);
            bystander.assertUnharmed();
        } finally {
            arena.upstream.hangingPath = "\u0000";
        }
        assertThat(arena.breakerState("attacked")).isZero();
        assertThat(get("/a/after-reset").statusCode()).isEqualTo(200);
    }

    @Test
    void aContinuationFloodClosesTheConnectionBeforeAnythingIsForwarded() throws Exception {
        try (Bystander bystander = arena.bystander(); RawHttp2 attacker = new RawHttp2(arena.gateway.port, AbuseArena.ATTACKER)) {
            byte[] block = attacker.block(1, RawHttp2.request("/a/continuation").add("x-filler", "y".repeat(5_000)));
            attacker.frame(RawHttp2.HEADERS, 0, 1, Arrays.copyOf(block, 1)); // no END_HEADERS
            boolean closed = attacker.floodUntilClosed(i -> attacker.frame(RawHttp2.CONTINUATION, 0, 1,
                    new byte[] {block[1 + i % (block.length - 1)]}), 2_000);
            soon().until(attacker.closed::get);
            assertThat(closed || attacker.goAway.get() >= 0).isTrue();
            assertThat(arena.upstream.everything()).doesNotContain("/continuation");
            bystander.assertUnharmed();
        }
    }

    @Test
    void settingsAndPingFloodsEndWithGoAway() throws Exception {
        double before = arena.closedConnections("http2_control_flood");
        try (Bystander bystander = arena.bystander()) {
            // (the GOAWAY ENHANCE_YOUR_CALM the gateway sends first is often lost: closing a socket with
            // unread flood in it makes the kernel reset the connection)
            try (RawHttp2 settings = new RawHttp2(arena.gateway.port, AbuseArena.ATTACKER)) {
                settings.floodUntilClosed(i -> settings.settings(), 1_000);
                soon().until(settings.closed::get);
            }
            try (RawHttp2 pings = new RawHttp2(arena.gateway.port, AbuseArena.ATTACKER)) {
                pings.floodUntilClosed(pings::ping, 1_000);
                soon().until(pings.closed::get);
            }
            assertThat(arena.closedConnections("http2_control_flood") - before).isEqualTo(2);
            bystander.assertUnharmed();
        }
    }

    @Test
    void anHpackBombIsRefusedWithoutReachingTheUpstream() throws Exception {
        try (Bystander bystander = arena.bystander(); RawHttp2 attacker = new RawHttp2(arena.gateway.port, AbuseArena.ATTACKER)) {
            // one 4 KB header put in the dynamic table, then referenced 50 times: ~200 KB decoded from a few hundred bytes
            Http2Headers bomb = RawHttp2.request("/a/hpack-bomb");
            for (int i = 0; i < 50; i++) {
                bomb.add("x-bomb", "b".repeat(4_000));
            }
            byte[] block = attacker.block(1, bomb);
            assertThat(block.length).as("compressed size on the wire").isLessThan(5_000);
            attacker.frame(RawHttp2.HEADERS, RawHttp2.END_STREAM | RawHttp2.END_HEADERS, 1, block);
            soon().until(() -> attacker.resetsReceived.get() > 0 || attacker.closed.get() || attacker.statuses.containsKey(1));
            assertThat(arena.upstream.everything()).doesNotContain("/hpack-bomb");
            bystander.assertUnharmed();
        }
    }

    @Test
    void aHeaderTableLargerThanAdvertisedIsAConnectionError() throws Exception {
        try (Bystander bystander = arena.bystander(); RawHttp2 attacker = new RawHttp2(arena.gateway.port, AbuseArena.ATTACKER)) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            writeTableSizeUpdate(block, 1_000_000); // the gateway advertised 4,096 bytes
            block.write(attacker.block(1, RawHttp2.request("/a/table")));
            attacker.frame(RawHttp2.HEADERS, RawHttp2.END_STREAM | RawHttp2.END_HEADERS, 1, block.toByteArray());
            soon().until(attacker.closed::get);
            assertThat(attacker.goAway.get()).as("GOAWAY COMPRESSION_ERROR").isEqualTo(0x9);
            assertThat(arena.upstream.everything()).doesNotContain("/table");
            bystander.assertUnharmed();
        }
    }

    @Test
    void aConnectionWhoseStreamsWereResetBecomesIdleAndIsClosed() throws Exception {
        arena.upstream.hangingPath = "/reset-then-idle";
        double idleBefore = arena.closedConnections("idle_timeout");
        try (RawHttp2 client = new RawHttp2(arena.gateway.port, AbuseArena.ATTACKER)) {
            client.get(1, "/a/reset-then-idle", true);
            soon().until(() -> arena.upstream.openConnectionsWith("/reset-then-idle") == 1);
            client.reset(1);
            soon().until(() -> arena.upstream.openConnectionsWith("/reset-then-idle") == 0);
            // no request in flight any more: the idle timeout (2 s here) closes the connection
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50)).until(client.closed::get);
            assertThat(arena.closedConnections("idle_timeout") - idleBefore).isGreaterThanOrEqualTo(1);
        } finally {
            arena.upstream.hangingPath = "\u0000";
        }
    }

    /** An HPACK dynamic table size update (RFC 7541 §6.3): 001 + a 5-bit-prefix integer. */
    private static void writeTableSizeUpdate(ByteArrayOutputStream out, int size) {
        if (size < 31) {
            out.write(0x20 | size);
            return;
        }
        out.write(0x3f);
        int rest = size - 31;
        while (rest >= 128) {
            out.write(rest % 128 + 128);
            rest /= 128;
        }
        out.write(rest);
    }

    private static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(arena.gateway.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
