package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testing.RealServices;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each plane's image without a container engine: its layers unpacked into a directory that
 * becomes the root of a new user, mount and PID namespace ({@code unshare}, with /proc mounted), and
 * its entrypoint and environment taken from the image configuration. Proves the scratch-based images
 * hold everything the JVM, its modules and Netty's native transport load.
 */
class ContainerImageRunTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void userNamespaces() {
        Assumptions.assumeTrue(unshareWorks(), "unprivileged user namespaces (unshare -r) are not available here");
    }

    @Test
    void theGatewayImageStartsFromItsOwnRootFilesystemAndAnswersItsLivenessProbe() throws Exception {
        int status = freePort();
        Process gateway = start("data-plane", Map.of("BULWARK_GW_HOST", "127.0.0.1",
                "BULWARK_GW_PORT", String.valueOf(freePort()), "BULWARK_GW_STATUS_PORT", String.valueOf(status),
                "BULWARK_GW_LKG_FILE", "/tmp/last-known-good.snapshot", "BULWARK_API_KEY_PEPPER", randomKey()));
        try {
            awaitStatus(status, "/health/live");
            assertThat(Files.readString(dir.resolve("data-plane.log")))
                    .as("Netty's native transport library (io_uring or epoll), extracted to /tmp, links against the image's glibc")
                    .containsPattern("transport (io_uring|epoll),");
        } finally {
            stop(gateway);
        }
    }

    @Test
    void theControlPlaneImageMigratesItsDatabaseAndBecomesReady() throws Exception {
        try (TestDatabase database = RealServices.newDatabase(); TestRedis redis = RealServices.newRedisPrefix()) {
            int port = freePort();
            Map<String, String> settings = new HashMap<>(Map.of("BULWARK_CP_HOST", "127.0.0.1", "BULWARK_CP_PORT", String.valueOf(port),
                    "BULWARK_DB_URL", database.jdbcUrl(), "BULWARK_DB_USER", database.username(),
                    "BULWARK_DB_PASSWORD", database.password() == null ? "" : database.password(),
                    "BULWARK_REDIS_URL", redis.uri(), "BULWARK_REDIS_KEY_PREFIX", redis.keyPrefix(),
                    "BULWARK_API_KEY_PEPPER", randomKey(), "BULWARK_KEK", randomKey()));
            Process controlPlane = start("control-plane", settings);
            try {
                awaitStatus(port, "/health/ready");
            } finally {
                stop(controlPlane);
            }
        }
    }

    /** Unpacks the module's image and starts its entrypoint with the image's environment plus {@code settings}. */
    @SuppressWarnings("unchecked")
    private Process start(String module, Map<String, String> settings) throws IOException, InterruptedException {
        ImageTarball image = ImageTarball.read(ContainerImagesTest.tarball(module));
        Path root = Files.createDirectory(dir.resolve(module));
        for (String layer : image.layers()) {
            Path file = dir.resolve(layer);
            Files.write(file, image.entries().get(layer));
            run(List.of("tar", "-xzf", file.toString(), "-C", root.toString()));
            Files.delete(file);
        }
        Files.createDirectories(root.resolve("proc"));
        List<String> command = new ArrayList<>(List.of("unshare", "-r", "--kill-child=SIGTERM", "-p", "-m", "--mount-proc",
                "--root=" + root, "--wd=/tmp"));
        command.addAll((List<String>) image.container().get("Entrypoint"));
        // The image has no shell and no `env`: unshare passes on its own environment.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(module + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (String variable : (List<String>) image.container().get("Env")) {
            int equals = variable.indexOf('=');
            environment.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        environment.putAll(settings);
        return builder.start();
    }

    private void awaitStatus(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build();
        Awaitility.await(path + " of the process in its image").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200));
    }

    /** SIGTERM to unshare, which passes it to the plane (--kill-child); waits for the plane to exit. */
    private static void stop(Process process) throws Exception {
        List<ProcessHandle> plane = process.children().toList();
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle child : plane) {
            try {
                child.onExit().get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }

    private static String randomKey() {
        return Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    }

    private static boolean unshareWorks() {
        try {
            return new ProcessBuilder("unshare", "-r", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0).as(command + ": " + output).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
