package dev.bulwark.dataplane.abuse;

import static dev.bulwark.dataplane.Snapshots.of;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.Metrics;
import dev.bulwark.dataplane.RecordingUpstream;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real gateway with the edge limits scaled down so each attack takes seconds: the attacked API
 * ({@code /a}, tenant A) and a bystander's API ({@code /b}, tenant B) share one real upstream that
 * records raw bytes. Attacks come from 127.0.0.2, the bystander from 127.0.0.1.
 */
final class AbuseArena implements AutoCloseable {
    static final String ATTACKER = "127.0.0.2";
    static final int PER_CLIENT_CAP = 20;

    final Vertx vertx = Vertx.vertx();
    final RecordingUpstream upstream = RecordingUpstream.start(vertx);
    final GatewayHarness gateway;

    AbuseArena(TestRedis redis, Map<String, String> extra) throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of(
                "BULWARK_GW_HEADER_TIMEOUT_MS", "500",
                "BULWARK_GW_IDLE_TIMEOUT_MS", "2000",
                "BULWARK_GW_BODY_MIN_RATE", "1000",
                "BULWARK_GW_BODY_RATE_WINDOW_MS", "500",
                "BULWARK_GW_MAX_CONNECTIONS_PER_CLIENT", Integer.toString(PER_CLIENT_CAP),
                "BULWARK_GW_BREAKER_FAILURES", "3",
                "BULWARK_GW_BREAKER_OPEN_MS", "60000"));
        settings.putAll(extra);
        gateway = GatewayHarness.start(redis, of(1, api("attacked", "tenant-a", "/a"), api("bystander", "tenant-b", "/b")), settings);
        warmUp();
    }

    /** The first requests of a fresh JVM pay for class loading and JIT: not the bystander's latency to measure. */
    private void warmUp() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            try {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url("/b/warm-up"))).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("the arena's gateway does not answer", e);
            }
        }
    }

    private ApiEntry api(String id, String tenant, String basePath) {
        // the default timeouts policy: a 30 s upstream read timeout, which no bystander may ever wait for
        return new ApiEntry(id, tenant, id, null, basePath, List.of(upstream.url()), List.of(), List.of(), Snapshots.LOOPBACK);
    }

    Bystander bystander() {
        return new Bystander(gateway.url("/b/ping"));
    }

    /** A plain socket to the gateway from the attacker's address. */
    Socket attackerSocket() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), gateway.port, InetAddress.getByName(ATTACKER), 0);
    }

    double breakerState(String api) throws IOException, InterruptedException {
        return Metrics.value(gateway.statusPort, "bulwark_breaker_state", Map.of("api", api));
    }

    double closedConnections(String reason) throws IOException, InterruptedException {
        double value = Metrics.value(gateway.statusPort, "bulwark_connections_closed_total", Map.of("reason", reason));
        return Double.isNaN(value) ? 0 : value;
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
        vertx.close().await();
    }
}
