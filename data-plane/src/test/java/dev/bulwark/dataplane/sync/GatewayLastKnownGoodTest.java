package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.dataplane.Gateway;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole gateway, restarted while its control plane is down: it serves its last-known-good snapshot, or is not ready. */
@ExtendWith(RealServicesExtension.class)
class GatewayLastKnownGoodTest {
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path directory;

    @Test
    void servesLastKnownGoodWhileTheControlPlaneIsDown(TestRedis redis) throws Exception {
        byte[] key = LastKnownGoodTest.key();
        Path file = directory.resolve("lkg.bin");
        new LastKnownGood(file, key).store(snapshot(12));
        int port = freePort();
        int statusPort = freePort();
        Gateway gateway = new Gateway(settings(redis, port, statusPort, file, key), TestPolicies.FACTORY);
        gateway.start().toCompletionStage().toCompletableFuture().join();
        try {
            await().untilAsserted(() -> assertThat(get(statusPort, "/health/ready").statusCode()).isEqualTo(200));
            String ready = get(statusPort, "/health/ready").body();
            assertThat(ready).contains("\"snapshotVersion\":12").contains("\"source\":\"last-known-good\"").contains("\"connected\":false");
            assertThat(get(port, "/orders/").body()).as("the route of the stored snapshot exists").doesNotContain("ROUTE_NOT_FOUND");
            assertThat(get(port, "/elsewhere").body()).contains("ROUTE_NOT_FOUND");
        } finally {
            gateway.stop().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void withoutAValidLastKnownGoodItIsNotReady(TestRedis redis) throws Exception {
        int statusPort = freePort();
        Gateway gateway = new Gateway(settings(redis, freePort(), statusPort, directory.resolve("none.bin"), LastKnownGoodTest.key()),
                TestPolicies.FACTORY);
        gateway.start().toCompletionStage().toCompletableFuture().join();
        try {
            HttpResponse<String> ready = get(statusPort, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"source\":\"none\"");
        } finally {
            gateway.stop().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static Snapshot snapshot(long version) {
        ApiEntry api = new ApiEntry("api-1", "tenant-1", "Orders", null, "/orders", List.of("http://127.0.0.1:9"),
                List.of(new OperationEntry("list", "GET", "/", List.of(), List.of())), List.of());
        return SnapshotHash.stamped(new Snapshot(Snapshot.SCHEMA_VERSION, version, "production", null, Instant.now(), List.of(api),
                List.of(), List.of(), List.of()));
    }

    private static GatewaySettings settings(TestRedis redis, int port, int statusPort, Path lkg, byte[] key) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BULWARK_REDIS_URL", redis.uri());
        env.put("BULWARK_GW_PORT", Integer.toString(port));
        env.put("BULWARK_GW_STATUS_PORT", Integer.toString(statusPort));
        env.put("BULWARK_GW_EVENT_LOOPS", "1");
        env.put("BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(new byte[32]));
        env.put("BULWARK_GW_CONTROL_PLANE_URL", "ws://127.0.0.1:" + freePort());
        env.put("BULWARK_GW_CREDENTIAL", "bwdp_" + "x".repeat(43));
        env.put("BULWARK_GW_LKG_FILE", lkg.toString());
        env.put("BULWARK_GW_LKG_KEY", Base64.getEncoder().encodeToString(key));
        return GatewaySettings.from(env);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
