package dev.bulwark.infra;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the gateway image without a container engine: its layers unpacked into a directory that
 * becomes the root of a new user, mount and PID namespace ({@code unshare}, with /proc mounted), and
 * its entrypoint and environment taken from the image configuration. Proves the scratch-based image
 * holds everything the JVM and Netty's native transport load.
 */
class ContainerImageRunTest {

    @Test
    @SuppressWarnings("unchecked")
    void theGatewayImageStartsFromItsOwnRootFilesystemAndAnswersItsLivenessProbe(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(unshareWorks(), "unprivileged user namespaces (unshare -r) are not available here");
        ImageTarball image = ImageTarball.read(ContainerImagesTest.tarball("data-plane"));
        Path root = Files.createDirectory(dir.resolve("root"));
        for (String layer : image.layers()) {
            Path file = dir.resolve(layer);
            Files.write(file, image.entries().get(layer));
            run(List.of("tar", "-xzf", file.toString(), "-C", root.toString()));
        }
        Files.createDirectories(root.resolve("proc"));
        int traffic = freePort();
        int status = freePort();

        // The image has no shell and no `env`: unshare passes on its own environment, which is the
        // image's plus the settings of this run.
        List<String> command = new ArrayList<>(List.of("unshare", "-r", "-f", "-p", "-m", "--mount-proc",
                "--root=" + root, "--wd=/tmp"));
        command.addAll((List<String>) image.container().get("Entrypoint"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (String variable : (List<String>) image.container().get("Env")) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        environment.putAll(Map.of("BULWARK_GW_HOST", "127.0.0.1", "BULWARK_GW_PORT", String.valueOf(traffic),
                "BULWARK_GW_STATUS_PORT", String.valueOf(status), "BULWARK_GW_LKG_FILE", "/tmp/last-known-good.snapshot",
                "BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32))));
        Process gateway = builder.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + status + "/health/live"))
                    .timeout(Duration.ofSeconds(5)).build();
            Awaitility.await("the gateway in its image answers /health/live").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(client.send(live, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200));
            assertThat(gateway.isAlive()).isTrue();
            assertThat(Files.readString(dir.resolve("gateway.log")))
                    .as("Netty's epoll library, extracted to /tmp, links against the image's glibc")
                    .contains("native transport true");
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
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
