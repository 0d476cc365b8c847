package dev.bulwark.dataplane.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Builds the Lettuce client for a {@link RedisTarget}: a plain client for one server, a cluster
 * client for Redis Cluster. Callers only see {@link RedisClusterAsyncCommands}, the command set both
 * kinds of connection share, so scripts and streams do not care which one they talk to.
 */
public final class RedisClients {
    /** How often a cluster client re-reads the topology even when nothing went wrong. */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(10);

    private RedisClients() {
    }

    /**
     * A client for the target. With {@code rejectWhileDisconnected} commands sent while disconnected
     * fail at once instead of waiting for the reconnect: for a writer whose own spool is the buffer.
     * Without it they wait (Lettuce's default), and the caller's deadline decides: a cluster client
     * connects to each primary lazily, and its first commands must not fail for that.
     */
    public static AbstractRedisClient create(RedisTarget target, Duration connectTimeout, Duration commandTimeout,
            boolean rejectWhileDisconnected) {
        SocketOptions socket = SocketOptions.builder().connectTimeout(connectTimeout).build();
        ClientOptions.DisconnectedBehavior disconnected = rejectWhileDisconnected
                ? ClientOptions.DisconnectedBehavior.REJECT_COMMANDS : ClientOptions.DisconnectedBehavior.DEFAULT;
        if (!target.cluster()) {
            RedisClient client = RedisClient.create();
            ClientOptions.Builder options = ClientOptions.builder().autoReconnect(true).disconnectedBehavior(disconnected)
                    .socketOptions(socket);
            if (target.tls().customised()) {
                options.sslOptions(target.tls().sslOptions());
            }
            client.setOptions(options.build());
            return client;
        }
        RedisClusterClient client = RedisClusterClient.create(target.uris(commandTimeout));
        ClusterClientOptions.Builder options = ClusterClientOptions.builder();
        if (target.tls().customised()) {
            options.sslOptions(target.tls().sslOptions());
        }
        client.setOptions(options.autoReconnect(true)
                .disconnectedBehavior(disconnected)
                .socketOptions(socket)
                // A failed-over primary must be noticed in well under a second: adaptive refresh reacts to
                // MOVED/ASK redirects and to reconnect attempts, the periodic one catches quiet changes.
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(PERIODIC_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                        .refreshTriggersReconnectAttempts(1)
                        .build())
                .build());
        return client;
    }

    /** Connects asynchronously; the connection is a single-server or a cluster one per the target. */
    public static CompletionStage<StatefulConnection<String, String>> connect(AbstractRedisClient client,
            RedisTarget target, Duration timeout) {
        if (client instanceof RedisClusterClient cluster) {
            // Lettuce's asynchronous cluster connect needs the slot map loaded first ("Partitions not initialized").
            return cluster.refreshPartitionsAsync()
                    .thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8))
                    .thenApply(connection -> connection);
        }
        List<RedisURI> uris = target.uris(timeout);
        return ((RedisClient) client).connectAsync(StringCodec.UTF8, uris.getFirst()).thenApply(connection -> connection);
    }

    /** Connects, blocking the calling thread (a shipper or consumer thread, never an event loop). */
    public static StatefulConnection<String, String> connectBlocking(AbstractRedisClient client, RedisTarget target,
            Duration timeout) {
        return connect(client, target, timeout).toCompletableFuture().join();
    }

    /** The asynchronous commands of either kind of connection. */
    public static RedisClusterAsyncCommands<String, String> async(StatefulConnection<String, String> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.async();
        }
        return ((StatefulRedisConnection<String, String>) connection).async();
    }
}
