package dev.bulwark.dataplane;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.dataplane.snapshot.SnapshotJson;
import dev.bulwark.testing.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A real gateway serving a snapshot file, on free ports, for end-to-end tests. */
public final class GatewayHarness implements AutoCloseable {
    /** The API-key pepper of every harness gateway. */
    public static final byte[] PEPPER = new byte[32];
    public final Gateway gateway;
    public final int port;
    public final int statusPort;
    public final Path snapshotFile;
    private final Path directory;
    private long mtime = System.currentTimeMillis() - 60_000;

    private GatewayHarness(Gateway gateway, int port, int statusPort, Path snapshotFile, Path directory) {
        this.gateway = gateway;
        this.port = port;
        this.statusPort = statusPort;
        this.snapshotFile = snapshotFile;
        this.directory = directory;
    }

    public static GatewayHarness start(TestRedis redis, Snapshot snapshot) throws IOException {
        return start(redis, snapshot, Map.of());
    }

    public static GatewayHarness start(TestRedis redis, Snapshot snapshot, Map<String, String> overrides) throws IOException {
        return start(redis, snapshot, overrides, null);
    }

    /** @param events the gateway's event sink; null for the default (metrics only) */
    public static GatewayHarness start(TestRedis redis, Snapshot snapshot, Map<String, String> overrides,
                                       dev.bulwark.dataplane.event.EventSink events) throws IOException {
        return start(redis, snapshot, overrides, events, TestPolicies.FACTORY);
    }

    /**
     * A gateway with the real policies (the default factory, Redis under the test's key prefix); API
     * keys are digested with {@link #PEPPER}.
     */
    public static GatewayHarness startWithRealPolicies(TestRedis redis, Snapshot snapshot) throws IOException {
        return start(redis, snapshot, Map.of("BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix()), null, null);
    }

    /** @param policies the policy factory; null for the real one */
    public static GatewayHarness start(TestRedis redis, Snapshot snapshot, Map<String, String> overrides,
                                       dev.bulwark.dataplane.event.EventSink events, PolicyFactory policies) throws IOException {
        Path directory = dev.bulwark.testing.TempDirectories.create("bulwark-gw");
        Path file = directory.resolve("snapshot.json");
        int port = freePort();
        int statusPort = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("BULWARK_REDIS_URL", redis == null ? "redis://127.0.0.1:6379" : redis.uri());
        env.put("BULWARK_GW_PORT", Integer.toString(port));
        env.put("BULWARK_GW_STATUS_PORT", Integer.toString(statusPort));
        env.put("BULWARK_GW_EVENT_LOOPS", "2");
        env.put("BULWARK_GW_SNAPSHOT_FILE", file.toString());
        env.put("BULWARK_GW_SNAPSHOT_POLL_MS", "50");
        env.put("BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(PEPPER));
        env.putAll(overrides);
        GatewayHarness harness = new GatewayHarness(new Gateway(GatewaySettings.from(env), policies, events), port, statusPort,
                file, directory);
        harness.publish(snapshot);
        harness.gateway.start().await();
        if (harness.version() != snapshot.version()) {
            harness.close();
            throw new IllegalStateException("the test snapshot was refused; see the log");
        }
        return harness;
    }

    /** Replaces the snapshot file atomically, with a modification time that always moves forward. */
    public void publish(Snapshot snapshot) throws IOException {
        write(SnapshotJson.write(snapshot));
    }

    public void write(byte[] content) throws IOException {
        Path temp = directory.resolve("snapshot.tmp");
        Files.write(temp, content);
        mtime += 2_000;
        Files.setLastModifiedTime(temp, FileTime.fromMillis(mtime));
        Files.move(temp, snapshotFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public long version() {
        return gateway.snapshots().current() == null ? -1 : gateway.snapshots().current().version();
    }

    @Override
    public void close() {
        gateway.stop().toCompletionStage().toCompletableFuture().join();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
