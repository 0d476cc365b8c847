package dev.bulwark.dataplane.event;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A throw-away redis-server of the test's own, so a test can take Redis away and bring it back
 * (the shared server must never be stopped). No persistence: a restart starts empty.
 */
final class LocalRedisServer implements AutoCloseable {
    private static final String BINARY = "/usr/bin/redis-server";

    private final int port;
    private final Path workDir;
    private Process process;

    LocalRedisServer() throws IOException {
        this.port = freePort();
        this.workDir = dev.bulwark.testing.TempDirectories.create("bw-redis-");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    LocalRedisServer start() throws IOException {
        process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", workDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis.log").toFile())
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::accepting);
        return this;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    private boolean accepting() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
