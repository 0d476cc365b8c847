package dev.bulwark.dataplane.policy;

import static org.awaitility.Awaitility.await;

import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.dataplane.redis.RedisTarget;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/** Real Redis connections for policy tests. */
public final class RedisFixture {
    private static final java.util.List<RedisConnector> OPEN = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RedisFixture() {
    }

    /** Closes every connector this fixture made: each owns a Lettuce client and its threads. */
    public static void closeAll() {
        for (RedisConnector connector : OPEN) {
            connector.close();
        }
        OPEN.clear();
    }

    /** A connector that has reached Redis. */
    public static RedisConnector connected(Vertx vertx, String uri) {
        return connected(vertx, RedisTarget.single(uri));
    }

    /** A connector that has reached a single Redis or a Redis Cluster. */
    public static RedisConnector connected(Vertx vertx, RedisTarget target) {
        RedisConnector connector = new RedisConnector(vertx, target);
        OPEN.add(connector);
        connector.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.connection() != null);
        return connector;
    }

    /** A connector pointed at a port nobody listens on: Redis is down. */
    public static RedisConnector down(Vertx vertx) {
        RedisConnector connector = new RedisConnector(vertx, "redis://127.0.0.1:" + closedPort());
        OPEN.add(connector);
        connector.start();
        return connector;
    }

    /**
     * Makes Redis unresponsive for {@code millis} from a second connection (CLIENT PAUSE: DEBUG SLEEP
     * is disabled on this server). Every client, this test's included, waits meanwhile.
     */
    public static void pause(String uri, long millis) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().clientPause(millis);
        } finally {
            client.shutdown();
        }
    }

    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
