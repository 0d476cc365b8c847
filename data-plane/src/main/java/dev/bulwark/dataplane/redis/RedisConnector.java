package dev.bulwark.dataplane.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared, auto-reconnecting Lettuce connection. The first connection is retried with capped
 * backoff so a gateway started before Redis comes up on its own; Lettuce handles later reconnects.
 * Nothing here blocks the event loop.
 */
public final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Vertx vertx;
    private final RedisClient client;
    private final RedisURI uri;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;

    public RedisConnector(Vertx vertx, String url) {
        this.vertx = vertx;
        this.uri = RedisURI.create(url);
        this.uri.setTimeout(Duration.ofSeconds(2));
        this.client = RedisClient.create();
    }

    public void start() {
        connect(100);
    }

    /** The connection, or null while Redis has never been reached. */
    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** True when Redis answers PING within the timeout. */
    public Future<Boolean> ping(long timeoutMillis) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || !current.isOpen()) {
            return Future.succeededFuture(false);
        }
        Promise<Boolean> promise = Promise.promise();
        current.async().ping().toCompletableFuture()
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((reply, error) -> promise.tryComplete(error == null && "PONG".equals(reply)));
        return promise.future();
    }

    private void connect(long backoffMillis) {
        if (closed) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((connected, error) -> {
            if (error == null) {
                connection = connected;
                LOG.info("redis connected");
            } else if (!closed) {
                LOG.warn("redis unreachable, retrying in {} ms: {}", backoffMillis, error.getMessage());
                vertx.setTimer(backoffMillis, id -> connect(Math.min(backoffMillis * 2, MAX_BACKOFF_MS)));
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.closeAsync();
        }
        client.shutdownAsync(0, 2, TimeUnit.SECONDS);
    }
}
