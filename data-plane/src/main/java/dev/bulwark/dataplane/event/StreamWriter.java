package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.dataplane.redis.RedisClients;
import dev.bulwark.dataplane.redis.RedisTarget;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pipelined XADD on a connection of its own (manual flushing would otherwise delay other users'
 * commands). While Redis is down the connection rejects commands instead of buffering them, so
 * the only buffer is the sink's bounded spool. Used by the shipper thread only. On a Redis Cluster
 * both streams live in the {@code {events}} slot, so a batch goes to one primary in one pipeline.
 */
final class StreamWriter implements AutoCloseable {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final AbstractRedisClient client;
    private final RedisTarget target;
    private final XAddArgs trim;
    private final String usageKey;
    private final String securityKey;
    private final String endpointKey;
    private StatefulConnection<String, String> connection;
    private RedisClusterAsyncCommands<String, String> commands;

    StreamWriter(RedisTarget target, EventShippingSettings settings) {
        this.target = target;
        this.client = RedisClients.create(target, CONNECT_TIMEOUT, WRITE_TIMEOUT, true);
        this.trim = new XAddArgs().maxlen(settings.maxStreamLength()).approximateTrimming();
        this.usageKey = EventStreams.Kind.USAGE.streamKey(settings.keyPrefix());
        this.securityKey = EventStreams.Kind.SECURITY.streamKey(settings.keyPrefix());
        this.endpointKey = EventStreams.Kind.ENDPOINT.streamKey(settings.keyPrefix());
    }

    /**
     * Writes the batch in one pipeline and returns the entries Redis did not confirm (all of them
     * when Redis cannot be reached). Blocks the calling (shipper) thread up to the write timeout.
     */
    List<Spool.Entry> write(List<Spool.Entry> batch) throws InterruptedException {
        StatefulConnection<String, String> current;
        try {
            current = connection();
        } catch (RuntimeException unreachable) {
            return batch;
        }
        List<RedisFuture<String>> replies = new ArrayList<>(batch.size());
        for (Spool.Entry entry : batch) {
            String key = switch (entry.kind()) {
                case USAGE -> usageKey;
                case SECURITY -> securityKey;
                case ENDPOINT -> endpointKey;
            };
            replies.add(commands.xadd(key, trim, Map.of(
                    EventStreams.FIELD_ID, entry.id(),
                    EventStreams.FIELD_VERSION, entry.version(),
                    EventStreams.FIELD_EVENT, entry.json())));
        }
        current.flushCommands();
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        List<Spool.Entry> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!confirmed(replies.get(i), deadline)) {
                failed.add(batch.get(i));
            }
        }
        return failed;
    }

    private static boolean confirmed(RedisFuture<String> reply, long deadline) throws InterruptedException {
        try {
            return reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) != null;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private StatefulConnection<String, String> connection() {
        if (connection == null) {
            StatefulConnection<String, String> connected = RedisClients.connectBlocking(client, target, WRITE_TIMEOUT);
            connected.setAutoFlushCommands(false);
            commands = RedisClients.async(connected);
            connection = connected;
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
