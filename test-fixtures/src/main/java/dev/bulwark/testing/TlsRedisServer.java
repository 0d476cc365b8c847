package dev.bulwark.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A {@code redis-server} of the test's own that speaks only TLS ({@code port 0}, {@code tls-port}),
 * with a certificate of the test's CA, and requires a client certificate from the same CA: for the
 * tests of both planes' TLS to Redis.
 */
public final class TlsRedisServer implements AutoCloseable {
    private final Path folder = TempDirectories.create("bulwark-redis-tls");
    private final int port;
    private final Process process;

    public TlsRedisServer(TestCertificateAuthority ca, TestCertificateAuthority.Issued server) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        process = new ProcessBuilder(List.of("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
                "--bind", "127.0.0.1", "--tls-cert-file", server.certificate().toString(), "--tls-key-file", server.key().toString(),
                "--tls-ca-cert-file", ca.certificate().toString(), "--tls-auth-clients", "yes", "--save", "", "--appendonly", "no",
                "--dir", folder.toString(), "--logfile", folder.resolve("redis.log").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(this::listening);
    }

    /** Whether {@code redis-server} is installed. */
    public static boolean available() {
        try {
            Process version = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes());
            version.waitFor(10, TimeUnit.SECONDS);
            // Debian builds Redis with TLS; a build without it refuses --tls-port at start, caught by listening().
            return text.startsWith("Redis server");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** The {@code rediss://} URL of the server, by IP address. */
    public String url() {
        return "rediss://127.0.0.1:" + port;
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server with TLS exited; log in " + folder);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        TempDirectories.delete(folder);
    }
}
