package dev.bulwark.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class GatewayStatusTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readyWithRealRedisAndStatusIsOffTheTrafficPort(TestRedis redis) throws Exception {
        int port = freePort();
        int statusPort = freePort();
        Gateway gateway = new Gateway(settings(redis.uri(), port, statusPort), TestPolicies.FACTORY);
        gateway.start().toCompletionStage().toCompletableFuture().join();
        try {
            org.awaitility.Awaitility.await().untilAsserted(() ->
                    assertThat(get(statusPort, "/health/ready").statusCode()).isEqualTo(200));
            HttpResponse<String> ready = get(statusPort, "/health/ready");
            assertThat(ready.body()).contains("\"snapshotVersion\":0").contains("\"redis\":\"UP\"");
            assertThat(get(statusPort, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(statusPort, "/metrics").body()).contains("bulwark_snapshot_version 0.0");

            HttpResponse<String> traffic = get(port, "/health/ready");
            assertThat(traffic.statusCode()).as("health is not reachable on the traffic port").isEqualTo(404);
            assertThat(traffic.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(traffic.body()).contains("\"key\":\"ROUTE_NOT_FOUND\"");
        } finally {
            gateway.stop().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void notReadyWhileRedisIsUnreachable() throws Exception {
        int statusPort = freePort();
        Gateway gateway = new Gateway(settings("redis://127.0.0.1:" + freePort(), freePort(), statusPort), TestPolicies.FACTORY);
        gateway.start().toCompletionStage().toCompletableFuture().join();
        try {
            HttpResponse<String> ready = get(statusPort, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"redis\":\"DOWN\"");
        } finally {
            gateway.stop().toCompletionStage().toCompletableFuture().join();
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static GatewaySettings settings(String redisUrl, int port, int statusPort) {
        return GatewaySettings.from(Map.of(
                "BULWARK_REDIS_URL", redisUrl,
                "BULWARK_GW_PORT", Integer.toString(port),
                "BULWARK_GW_STATUS_PORT", Integer.toString(statusPort),
                "BULWARK_GW_EVENT_LOOPS", "1",
                "BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(new byte[32])));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
