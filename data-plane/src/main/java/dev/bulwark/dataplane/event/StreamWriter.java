package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.EventStreams;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
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
 * the only buffer is the sink's bounded spool. Used by the shipper thread only.
 */
final class StreamWriter implements AutoCloseable {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final RedisURI uri;
    private final XAddArgs trim;
    private final String usageKey;
    private final String securityKey;
    private StatefulRedisConnection<String, String> connection;

    StreamWriter(String redisUrl, EventShippingSettings settings) {
        this.uri = RedisURI.create(redisUrl);
        this.uri.setTimeout(WRITE_TIMEOUT);
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .build());
        this.trim = new XAddArgs().maxlen(settings.maxStreamLength()).approximateTrimming();
        this.usageKey = EventStreams.Kind.USAGE.streamKey(settings.keyPrefix());
        this.securityKey = EventStreams.Kind.SECURITY.streamKey(settings.keyPrefix());
    }

    /**
     * Writes the batch in one pipeline and returns the entries Redis did not confirm (all of them
     * when Redis cannot be reached). Blocks the calling (shipper) thread up to the write timeout.
     */
    List<Spool.Entry> write(List<Spool.Entry> batch) throws InterruptedException {
        StatefulRedisConnection<String, String> current;
        try {
            current = connection();
        } catch (RuntimeException unreachable) {
            return batch;
        }
        RedisAsyncCommands<String, String> commands = current.async();
        List<RedisFuture<String>> replies = new ArrayList<>(batch.size());
        for (Spool.Entry entry : batch) {
            String key = entry.kind() == EventStreams.Kind.USAGE ? usageKey : securityKey;
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

    private StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            StatefulRedisConnection<String, String> connected = client.connect(StringCodec.UTF8, uri);
            connected.setAutoFlushCommands(false);
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
