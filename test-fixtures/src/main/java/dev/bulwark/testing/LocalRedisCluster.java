package dev.bulwark.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis Cluster of six {@code redis-server} processes (three primaries, one replica each) on
 * free loopback ports, created with {@code redis-cli --cluster create}, torn down on close. Each
 * node lives in its own folder of one temporary directory, its log included.
 *
 * <p>The node timeout is one second so a killed primary is replaced in about two; full coverage is
 * not required, so the slots of the other primaries keep serving while one slot range fails over.
 */
public final class LocalRedisCluster implements AutoCloseable {
    private static final int NODES = 6;
    private static final Duration READY = Duration.ofSeconds(30);

    private final Path folder;
    private final Map<Integer, Process> processes = new LinkedHashMap<>();
    private final Map<Integer, List<String>> commands = new LinkedHashMap<>();

    private LocalRedisCluster(Path folder) {
        this.folder = folder;
    }

    /** Starts the cluster; skips the calling test when the Redis binaries are not installed. */
    public static LocalRedisCluster start() {
        Assumptions.assumeTrue(onPath("redis-server") && onPath("redis-cli"),
                "redis-server and redis-cli are needed for the Redis Cluster tests (Debian: apt-get install redis-server)");
        LocalRedisCluster cluster = new LocalRedisCluster(TempDirectories.create("bulwark-redis-cluster"));
        try {
            cluster.boot();
            return cluster;
        } catch (RuntimeException | IOException | InterruptedException e) {
            cluster.close();
            throw new IllegalStateException("Redis Cluster did not start (logs in " + cluster.folder + "): " + e.getMessage(), e);
        }
    }

    /** Seed URLs, comma-separated, as {@code BULWARK_REDIS_URL} takes them. */
    public String seedUrls() {
        return ports().stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public List<Integer> ports() {
        return List.copyOf(processes.keySet());
    }

    /** The port of the primary currently serving the key's hash slot, as the live nodes see it. */
    public int primaryOf(String key) {
        for (int port : liveports()) {
            try {
                return withNode(port, redis -> {
                    long slot = redis.clusterKeyslot(key);
                    for (String line : redis.clusterNodes().split("\n")) {
                        String[] fields = line.split(" ");
                        if (fields.length > 8 && fields[2].contains("master") && !fields[2].contains("fail")
                                && servesSlot(fields, slot)) {
                            return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                        }
                    }
                    throw new IllegalStateException("no live primary serves slot " + slot);
                });
            } catch (RuntimeException unreachable) {
                // this node is down or its view is stale: ask the next one
            }
        }
        throw new IllegalStateException("no node answered");
    }

    /** Kills a node as a crash would (SIGKILL: no shutdown, no last save). */
    public void kill(int port) {
        Process process = processes.get(port);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a killed node again from its own folder: its {@code nodes.conf} makes it rejoin, as a
     * replica of whoever took its slots. Returns once every node reports the cluster healthy.
     */
    public void restart(int port) {
        try {
            launch(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await(READY, () -> {
            try {
                return withNode(port, redis -> redis.clusterInfo().contains("cluster_state:ok"));
            } catch (RuntimeException e) {
                return false;
            }
        });
        awaitHealthy(READY);
    }

    private void launch(int port) throws IOException {
        Path dir = folder.resolve("node-" + port);
        processes.put(port, new ProcessBuilder(commands.get(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start());
    }

    /** Waits until every live node reports {@code cluster_state:ok} and the key's slot has a live primary. */
    public void awaitHealthy(Duration timeout) {
        await(timeout, () -> liveports().stream().allMatch(port -> {
            try {
                return withNode(port, redis -> redis.clusterInfo().contains("cluster_state:ok"));
            } catch (RuntimeException e) {
                return false;
            }
        }));
    }

    /** Runs commands on one node (not cluster-routed): for assertions on a specific server. */
    public <T> T withNode(int port, java.util.function.Function<RedisCommands<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withTimeout(Duration.ofSeconds(2)).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection.sync());
        } finally {
            client.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }

    private List<Integer> liveports() {
        return processes.entrySet().stream().filter(entry -> entry.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    private static boolean servesSlot(String[] fields, long slot) {
        for (int i = 8; i < fields.length; i++) {
            String range = fields[i];
            if (range.startsWith("[")) {
                continue; // a slot being migrated
            }
            int dash = range.indexOf('-');
            long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private void boot() throws IOException, InterruptedException {
        for (int i = 0; i < NODES; i++) {
            int port = freePortWithFreeBus();
            Path dir = Files.createDirectories(folder.resolve("node-" + port));
            commands.put(port, List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--protected-mode", "no", "--dir", dir.toString(),
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "1000", "--cluster-require-full-coverage", "no",
                    "--cluster-replica-validity-factor", "0", "--save", "", "--appendonly", "no",
                    "--logfile", dir.resolve("redis.log").toString()));
            launch(port);
        }
        for (int port : processes.keySet()) {
            await(READY, () -> {
                try {
                    return "PONG".equals(withNode(port, RedisCommands::ping));
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        processes.keySet().forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Process create = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("cluster-create.log").toFile()).start();
        if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: "
                    + Files.readString(folder.resolve("cluster-create.log")));
        }
        awaitHealthy(READY);
        // Every node must know every other before a client's topology is complete.
        await(READY, () -> liveports().stream().allMatch(port -> withNode(port,
                redis -> redis.clusterInfo().contains("cluster_known_nodes:" + NODES))));
    }

    private static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster not ready within " + timeout);
            }
            try {
                Thread.sleep(50); // polling a condition with a deadline, not a timed wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A port whose cluster bus port (+10000) is free too. */
    private static int freePortWithFreeBus() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort(0);
            if (port + 10_000 <= 65_535 && freePort(port + 10_000) > 0) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair for a Redis Cluster node");
    }

    private static int freePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            if (port == 0) {
                throw new UncheckedIOException(e);
            }
            return -1;
        }
    }

    private static boolean onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (Process process : processes.values()) {
            process.destroyForcibly();
        }
        for (Process process : processes.values()) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
