package dev.bulwark.controlplane.stream;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's consumer in a Redis Streams consumer group, shared by every control-plane reader of
 * the gateways' event streams: reads with XREADGROUP (blocking up to {@code block}), hands each
 * batch to the {@link Handler} (which commits it, typically in one transaction) and XACKs only after
 * the handler returned. After a failure it first re-reads its own pending entries; entries left
 * pending by a consumer that died are taken over with XAUTOCLAIM once idle for {@code claimIdle},
 * and consumers of replicas that are gone are removed. With an idempotent handler this gives
 * at-least-once delivery and exactly-once effects. Runs on its own thread (blocking reads and JDBC
 * stay off the event loop).
 */
public final class StreamConsumerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConsumerLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** Processes one batch; throwing leaves the whole batch pending, to be read again. */
    @FunctionalInterface
    public interface Handler {
        void handle(List<StreamMessage<String, String>> messages);
    }

    private final StreamRedis endpoint;
    private final List<RedisURI> uris;
    private final StreamGroup group;
    private final Consumer<String> consumer;
    private final Handler handler;
    private final Runnable maintenance;
    private final Runnable onFailure;
    private volatile boolean running = true;
    private AbstractRedisClient client;
    private StatefulConnection<String, String> connection;
    private RedisClusterCommands<String, String> commands;

    /**
     * @param redis       the Redis (or Redis Cluster) holding the streams, and how to reach it
     * @param maintenance run on this thread every {@code group.maintenance()} (purges, partitions)
     * @param onFailure   called after each failed round (a metric)
     */
    public StreamConsumerLoop(StreamRedis redis, StreamGroup group, Handler handler, Runnable maintenance,
                              Runnable onFailure) {
        this.endpoint = redis;
        // Replies to a blocking read arrive only after the block time: the timeout must outlast it.
        this.uris = redis.uris(group.block().plusSeconds(10));
        this.group = group;
        this.consumer = Consumer.from(group.group(), group.consumerName());
        this.handler = handler;
        this.maintenance = maintenance;
        this.onFailure = onFailure;
    }

    /** Asks the loop to finish its current batch and return. */
    public void halt() {
        running = false;
    }

    @Override
    public void run() {
        client = endpoint.createClient(uris);
        long backoffMillis = 0;
        boolean ownPendingFirst = true;
        long nextClaim = 0;
        long nextMaintenance = 0;
        try {
            while (running) {
                try {
                    if (backoffMillis > 0) {
                        Thread.sleep(backoffMillis); // this thread's own retry pause; nothing else waits on it
                    }
                    RedisClusterCommands<String, String> redis = commands();
                    long now = System.nanoTime();
                    if (now - nextMaintenance >= 0) {
                        maintenance.run();
                        nextMaintenance = now + group.maintenance().toNanos();
                    }
                    if (now - nextClaim >= 0) {
                        claimAbandoned(redis);
                        nextClaim = System.nanoTime() + group.claimInterval().toNanos();
                    }
                    if (!running) {
                        break;
                    }
                    List<StreamMessage<String, String>> messages = read(redis, ownPendingFirst);
                    if (ownPendingFirst && messages.isEmpty()) {
                        ownPendingFirst = false;
                    }
                    process(redis, messages);
                    backoffMillis = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return; // halted mid-batch: leave the entries pending, as a crash would
                    }
                    onFailure.run();
                    ownPendingFirst = true;
                    backoffMillis = Math.min(Math.max(backoffMillis * 2, 200), MAX_BACKOFF.toMillis());
                    LOG.warn("stream group {} failed, retrying in {} ms: {}", group.group(), backoffMillis, e.getMessage());
                    if (e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                        closeConnection(); // the stream or group was deleted: recreate both on reconnect
                    }
                }
            }
        } finally {
            closeConnection();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private RedisClusterCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            closeConnection();
            connection = endpoint.connect(client, uris);
            commands = connection instanceof StatefulRedisClusterConnection<String, String> clustered
                    ? clustered.sync() : ((StatefulRedisConnection<String, String>) connection).sync();
            for (String key : group.streams()) {
                createGroup(commands, key);
            }
        }
        return commands;
    }

    private void createGroup(RedisClusterCommands<String, String> redis, String key) {
        try {
            // From the start of the stream: entries written before the first control plane ran are not lost.
            redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), group.group(), XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<StreamMessage<String, String>> read(RedisClusterCommands<String, String> redis, boolean ownPending) {
        XReadArgs.StreamOffset<String>[] offsets = group.streams().stream()
                .map(key -> ownPending ? XReadArgs.StreamOffset.from(key, "0") : XReadArgs.StreamOffset.lastConsumed(key))
                .toArray(XReadArgs.StreamOffset[]::new);
        XReadArgs args = XReadArgs.Builder.count(group.batchSize());
        return redis.xreadgroup(consumer, ownPending ? args : args.block(group.block()), offsets);
    }

    private void claimAbandoned(RedisClusterCommands<String, String> redis) {
        for (String key : group.streams()) {
            String cursor = "0-0";
            do {
                ClaimedMessages<String, String> claimed = redis.xautoclaim(key, XAutoClaimArgs.Builder
                        .xautoclaim(consumer, group.claimIdle(), cursor).count(group.batchSize()));
                // Entries trimmed away while pending come back without a body: nothing left to handle.
                List<StreamMessage<String, String>> messages = claimed.getMessages().stream()
                        .filter(message -> message.getBody() != null && !message.getBody().isEmpty()).toList();
                if (!messages.isEmpty()) {
                    LOG.info("took over {} pending entries of {} in group {}", messages.size(), key, group.group());
                    process(redis, messages);
                }
                cursor = claimed.getId();
            } while (running && !"0-0".equals(cursor));
            forgetGoneConsumers(redis, key);
        }
    }

    /**
     * Deletes consumers of replicas that are gone: nothing pending and idle for ten claim-idle
     * periods. Harmless if one was merely quiet: XREADGROUP recreates a consumer on its next read.
     */
    private void forgetGoneConsumers(RedisClusterCommands<String, String> redis, String key) {
        long goneAfterMillis = group.claimIdle().toMillis() * 10;
        for (Object info : redis.xinfoConsumers(key, group.group())) {
            Map<String, String> fields = new HashMap<>();
            List<?> pairs = (List<?>) info;
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(String.valueOf(pairs.get(i)), String.valueOf(pairs.get(i + 1)));
            }
            String name = fields.get("name");
            if (name != null && !name.equals(consumer.getName()) && "0".equals(fields.get("pending"))
                    && Long.parseLong(fields.getOrDefault("idle", "0")) > goneAfterMillis) {
                redis.xgroupDelconsumer(key, Consumer.from(group.group(), name));
                LOG.info("removed gone consumer {} from {} in group {}", name, key, group.group());
            }
        }
    }

    private void process(RedisClusterCommands<String, String> redis, List<StreamMessage<String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        handler.handle(messages);
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (StreamMessage<String, String> message : messages) {
            ids.computeIfAbsent(message.getStream(), stream -> new ArrayList<>()).add(message.getId());
        }
        for (Map.Entry<String, List<String>> entry : ids.entrySet()) {
            redis.xack(entry.getKey(), group.group(), entry.getValue().toArray(String[]::new));
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
