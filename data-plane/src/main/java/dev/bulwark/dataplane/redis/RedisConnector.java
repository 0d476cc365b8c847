package dev.bulwark.dataplane.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared, auto-reconnecting Lettuce connection to a single Redis or a Redis Cluster
 * ({@link RedisTarget}). The first connection is retried with capped backoff so a gateway started
 * before Redis comes up on its own; Lettuce handles later reconnects and, for a cluster, slot moves
 * and failovers. Nothing here blocks the event loop.
 */
public final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final RedisTarget target;
    private final AbstractRedisClient client;
    private volatile StatefulConnection<String, String> connection;
    private volatile RedisClusterAsyncCommands<String, String> commands;
    private volatile boolean closed;

    public RedisConnector(Vertx vertx, String url) {
        this(vertx, RedisTarget.single(url));
    }

    public RedisConnector(Vertx vertx, RedisTarget target) {
        this.vertx = vertx;
        this.target = target;
        this.client = RedisClients.create(target, TIMEOUT, TIMEOUT, false);
    }

    public void start() {
        connect(100);
    }

    /** A Redis Cluster: a script's keys must then share one hash slot. */
    public boolean cluster() {
        return target.cluster();
    }

    /** The connection, or null while Redis has never been reached. */
    public StatefulConnection<String, String> connection() {
        return connection;
    }

    /** Commands on the shared connection, or null while it is not open. */
    public RedisClusterAsyncCommands<String, String> commands() {
        StatefulConnection<String, String> current = connection;
        return current == null || !current.isOpen() ? null : commands;
    }

    /** True when Redis answers PING within the timeout (for a cluster: the node the client asks). */
    public Future<Boolean> ping(long timeoutMillis) {
        RedisClusterAsyncCommands<String, String> current = commands();
        if (current == null) {
            return Future.succeededFuture(false);
        }
        Promise<Boolean> promise = Promise.promise();
        current.ping().toCompletableFuture()
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((reply, error) -> promise.tryComplete(error == null && "PONG".equals(reply)));
        return promise.future();
    }

    private void connect(long backoffMillis) {
        if (closed) {
            return;
        }
        RedisClients.connect(client, target, TIMEOUT).whenComplete((connected, error) -> {
            if (error == null) {
                commands = RedisClients.async(connected);
                connection = connected;
                LOG.info("redis connected ({})", target.cluster() ? "cluster" : "single server");
            } else if (!closed) {
                LOG.warn("redis unreachable, retrying in {} ms: {}", backoffMillis, error.getMessage());
                vertx.setTimer(backoffMillis, id -> connect(Math.min(backoffMillis * 2, MAX_BACKOFF_MS)));
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        StatefulConnection<String, String> current = connection;
        if (current != null) {
            current.closeAsync();
        }
        client.shutdownAsync(0, 2, TimeUnit.SECONDS);
    }
}
