package dev.bulwark.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Redis server for the local platform: Debian's redis-server when installed (current, patched by
 * the distribution), otherwise the 6.2 binary shipped inside the embedded-redis artifact. Data is
 * kept with an append-only file in {@code <home>/redis}, so quota counters survive a restart.
 */
final class LocalRedis {
    private static final List<Path> SYSTEM_BINARIES = List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"));

    private final Path home;
    private final int port;
    private ChildProcess server;
    private String origin;

    LocalRedis(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    String origin() {
        return origin;
    }

    void start() {
        Path binary = binary();
        Path data = home.resolve("redis");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new LaunchException("cannot create " + data + ": " + e.getMessage(), e);
        }
        List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--protected-mode", "yes", "--dir", data.toString(), "--appendonly", "yes", "--save", "",
                "--daemonize", "no", "--logfile", "");
        server = ChildProcess.start("Redis", command, Map.of(), home.resolve("logs").resolve("redis.log"), data);
        server.awaitReady(this::answersPing, Duration.ofSeconds(20));
    }

    void stop() {
        if (server != null) {
            // SIGTERM makes Redis flush its append-only file and exit.
            server.stop(Duration.ofSeconds(10));
        }
    }

    private Path binary() {
        for (Path candidate : SYSTEM_BINARIES) {
            if (Files.isExecutable(candidate)) {
                origin = candidate.toString();
                return candidate;
            }
        }
        String resource = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
            case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
            default -> throw new LaunchException("no bundled Redis for " + System.getProperty("os.arch")
                    + "; install redis-server or set BULWARK_REDIS_URL");
        };
        Path target = home.resolve("redis-bin").resolve(resource);
        if (!Files.isExecutable(target)) {
            try (InputStream in = LocalRedis.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new LaunchException("bundled Redis " + resource + " missing; install redis-server or set BULWARK_REDIS_URL");
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException e) {
                throw new LaunchException("cannot unpack Redis: " + e.getMessage(), e);
            }
        }
        origin = "bundled " + resource;
        return target;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's process id, for {@code ./bulwark status}. */
    long pid() {
        return server.pid();
    }
}
