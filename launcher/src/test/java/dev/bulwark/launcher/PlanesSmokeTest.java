package dev.bulwark.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real control-plane and data-plane jars as processes against a real PostgreSQL
 * database and Redis, and asserts both report ready.
 */
@ExtendWith(RealServicesExtension.class)
class PlanesSmokeTest {

    @Test
    void bothPlanesBecomeReadyAgainstRealServices(TestDatabase database, TestRedis redis, @TempDir Path home) throws Exception {
        Path root = Path.of(System.getProperty("bulwark.root", "..")).toAbsolutePath().normalize();
        LaunchSettings settings = new LaunchSettings(home, root, freePort(), freePort(), freePort(), database.jdbcUrl(),
                database.username(), database.password(), redis.uri(), 0, 0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> environment = new HashMap<>(Secrets.loadOrCreate(home, Map.of()));
        environment.put("BULWARK_DB_URL", database.jdbcUrl());
        environment.put("BULWARK_DB_USER", database.username());
        environment.put("BULWARK_DB_PASSWORD", database.password());
        environment.put("BULWARK_REDIS_URL", redis.uri());
        environment.put("BULWARK_CP_PORT", Integer.toString(settings.controlPlanePort()));
        environment.put("BULWARK_GW_PORT", Integer.toString(settings.gatewayPort()));
        environment.put("BULWARK_GW_STATUS_PORT", Integer.toString(settings.gatewayStatusPort()));
        environment.put("BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix());

        ChildProcess controlPlane = Planes.startControlPlane(settings, environment, home.resolve("logs"));
        try {
            Map<String, String> gateway = new HashMap<>(environment);
            gateway.keySet().removeIf(name -> name.startsWith("BULWARK_DB_") || name.equals("BULWARK_CP_PORT") || name.equals(Secrets.KEK));
            ChildProcess dataPlane = Planes.startDataPlane(settings, gateway, home.resolve("logs"));
            try {
                HttpResponse<String> cpReady = get("http://127.0.0.1:" + settings.controlPlanePort() + "/health/ready");
                HttpResponse<String> gwReady = get("http://127.0.0.1:" + settings.gatewayStatusPort() + "/health/ready");

                assertThat(cpReady.statusCode()).isEqualTo(200);
                assertThat(cpReady.body()).contains("\"database\":\"UP\"");
                assertThat(gwReady.statusCode()).isEqualTo(200);
                assertThat(gwReady.body()).contains("\"redis\":\"UP\"");
                assertThat(Files.readString(controlPlane.log())).doesNotContain(environment.get(Secrets.PEPPER));
                assertThat(Files.readString(dataPlane.log())).doesNotContain(environment.get(Secrets.PEPPER));
            } finally {
                dataPlane.stop(Duration.ofSeconds(10));
            }
            assertThat(dataPlane.isAlive()).isFalse();
        } finally {
            controlPlane.stop(Duration.ofSeconds(10));
        }
        assertThat(controlPlane.isAlive()).isFalse();
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
