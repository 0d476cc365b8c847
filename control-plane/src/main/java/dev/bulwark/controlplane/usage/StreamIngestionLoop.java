package dev.bulwark.controlplane.usage;

import dev.bulwark.contracts.event.EventStreams;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's consumer in the shared group: reads both streams with XREADGROUP (blocking up to
 * {@code block}), writes each batch in one transaction, and XACKs only after the commit. After a
 * failure it first re-reads its own pending entries; entries left pending by a consumer that died
 * are taken over with XAUTOCLAIM once idle for {@code claimIdle}. Together with the dedupe in the
 * writer this gives at-least-once delivery and exactly-once counting. Runs on its own thread.
 */
final class StreamIngestionLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamIngestionLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final List<RedisURI> uris;
    private final TelemetrySettings settings;
    private final Consumer<String> consumer;
    private final Map<EventStreams.Kind, String> keys = new EnumMap<>(EventStreams.Kind.class);
    private final EventDecoder decoder;
    private final IngestionWriter writer;
    private final IngestionMetrics metrics;
    private final Runnable maintenance;
    private volatile boolean running = true;
    private final boolean cluster;
    private AbstractRedisClient client;
    private StatefulConnection<String, String> connection;
    private RedisClusterCommands<String, String> commands;

    /**
     * @param redisUrl one Redis, or with {@code cluster} a Redis Cluster's seed nodes, comma-separated;
     *                 both streams carry the {@code {events}} hash tag, so one XREADGROUP reads them on a cluster too
     */
    StreamIngestionLoop(String redisUrl, boolean cluster, String keyPrefix, TelemetrySettings settings, String consumerName,
                        EventDecoder decoder, IngestionWriter writer, IngestionMetrics metrics, Runnable maintenance) {
        // Replies to a blocking read arrive only after the block time: the timeout must outlast it.
        this.uris = java.util.Arrays.stream(redisUrl.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                .map(url -> {
                    RedisURI uri = RedisURI.create(url);
                    uri.setTimeout(settings.block().plusSeconds(10));
                    return uri;
                }).toList();
        this.cluster = cluster;
        this.settings = settings;
        this.consumer = Consumer.from(settings.consumerGroup(), consumerName);
        for (EventStreams.Kind kind : EventStreams.Kind.values()) {
            keys.put(kind, kind.streamKey(keyPrefix));
        }
        this.decoder = decoder;
        this.writer = writer;
        this.metrics = metrics;
        this.maintenance = maintenance;
    }

    /** Asks the loop to finish its current batch and return. */
    void halt() {
        running = false;
    }

    @Override
    public void run() {
        client = cluster ? RedisClusterClient.create(uris) : RedisClient.create();
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
                        nextMaintenance = now + Duration.ofHours(1).toNanos();
                    }
                    if (now - nextClaim >= 0) {
                        claimAbandoned(redis);
                        nextClaim = System.nanoTime() + settings.claimInterval().toNanos();
                    }
                    if (!running) {
                        break;
                    }
                    List<StreamMessage<String, String>> messages = ownPendingFirst ? readOwnPending(redis) : readNew(redis);
                    if (ownPendingFirst && messages.isEmpty()) {
                        ownPendingFirst = false;
                    }
                    ingest(redis, messages);
                    backoffMillis = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return; // halted mid-batch: leave the entries pending, as a crash would
                    }
                    metrics.batchFailed();
                    ownPendingFirst = true;
                    backoffMillis = Math.min(Math.max(backoffMillis * 2, 200), MAX_BACKOFF.toMillis());
                    LOG.warn("event ingestion failed, retrying in {} ms: {}", backoffMillis, e.getMessage());
                    if (e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                        closeConnection();
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
            if (client instanceof RedisClusterClient clusterClient) {
                StatefulRedisClusterConnection<String, String> connected = clusterClient.connect(StringCodec.UTF8);
                commands = connected.sync();
                connection = connected;
            } else {
                StatefulRedisConnection<String, String> connected = ((RedisClient) client).connect(StringCodec.UTF8, uris.getFirst());
                commands = connected.sync();
                connection = connected;
            }
            for (String key : keys.values()) {
                createGroup(commands, key);
            }
        }
        return commands;
    }

    private void createGroup(RedisClusterCommands<String, String> redis, String key) {
        try {
            // From the start of the stream: events written before the first control plane ran are not lost.
            redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), settings.consumerGroup(), XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<StreamMessage<String, String>> readNew(RedisClusterCommands<String, String> redis) {
        return redis.xreadgroup(consumer, XReadArgs.Builder.count(settings.batchSize()).block(settings.block()),
                XReadArgs.StreamOffset.lastConsumed(keys.get(EventStreams.Kind.USAGE)),
                XReadArgs.StreamOffset.lastConsumed(keys.get(EventStreams.Kind.SECURITY)));
    }

    @SuppressWarnings("unchecked")
    private List<StreamMessage<String, String>> readOwnPending(RedisClusterCommands<String, String> redis) {
        return redis.xreadgroup(consumer, XReadArgs.Builder.count(settings.batchSize()),
                XReadArgs.StreamOffset.from(keys.get(EventStreams.Kind.USAGE), "0"),
                XReadArgs.StreamOffset.from(keys.get(EventStreams.Kind.SECURITY), "0"));
    }

    private void claimAbandoned(RedisClusterCommands<String, String> redis) {
        for (String key : keys.values()) {
            String cursor = "0-0";
            do {
                ClaimedMessages<String, String> claimed = redis.xautoclaim(key, XAutoClaimArgs.Builder
                        .xautoclaim(consumer, settings.claimIdle(), cursor).count(settings.batchSize()));
                List<StreamMessage<String, String>> messages = claimed.getMessages().stream()
                        .filter(message -> message.getBody() != null && !message.getBody().isEmpty()).toList();
                if (!messages.isEmpty()) {
                    LOG.info("took over {} pending events from {}", messages.size(), key);
                    ingest(redis, messages);
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
        long goneAfterMillis = settings.claimIdle().toMillis() * 10;
        for (Object info : redis.xinfoConsumers(key, settings.consumerGroup())) {
            Map<String, String> fields = new java.util.HashMap<>();
            List<?> pairs = (List<?>) info;
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                fields.put(String.valueOf(pairs.get(i)), String.valueOf(pairs.get(i + 1)));
            }
            String name = fields.get("name");
            if (name != null && !name.equals(consumer.getName()) && "0".equals(fields.get("pending"))
                    && Long.parseLong(fields.getOrDefault("idle", "0")) > goneAfterMillis) {
                redis.xgroupDelconsumer(key, Consumer.from(settings.consumerGroup(), name));
                LOG.info("removed gone consumer {} from {}", name, key);
            }
        }
    }

    private void ingest(RedisClusterCommands<String, String> redis, List<StreamMessage<String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        List<DeliveredEvent> accepted = new ArrayList<>(messages.size());
        Map<EventStreams.Kind, List<String>> ids = new EnumMap<>(EventStreams.Kind.class);
        Map<EventStreams.Kind, Integer> acceptedPerKind = new EnumMap<>(EventStreams.Kind.class);
        for (StreamMessage<String, String> message : messages) {
            EventStreams.Kind kind = message.getStream().equals(keys.get(EventStreams.Kind.USAGE))
                    ? EventStreams.Kind.USAGE : EventStreams.Kind.SECURITY;
            ids.computeIfAbsent(kind, k -> new ArrayList<>()).add(message.getId());
            EventDecoder.Decoded decoded = decoder.decode(kind, message.getBody());
            if (decoded.event() == null) {
                metrics.refused(kind, decoded.refusal());
                LOG.debug("refused {} entry {}: {}", kind.label(), message.getId(), decoded.refusal());
            } else {
                accepted.add(decoded.event());
                acceptedPerKind.merge(kind, 1, Integer::sum);
            }
        }
        if (!accepted.isEmpty()) {
            IngestionWriter.Outcome outcome = writer.write(accepted);
            metrics.ingested(EventStreams.Kind.USAGE, outcome.usageCounted(),
                    acceptedPerKind.getOrDefault(EventStreams.Kind.USAGE, 0) - outcome.usageCounted());
            metrics.usageRequests(outcome.usageRequests());
            metrics.ingested(EventStreams.Kind.SECURITY, outcome.securityStored(),
                    acceptedPerKind.getOrDefault(EventStreams.Kind.SECURITY, 0) - outcome.securityStored());
        }
        for (Map.Entry<EventStreams.Kind, List<String>> entry : ids.entrySet()) {
            redis.xack(keys.get(entry.getKey()), settings.consumerGroup(), entry.getValue().toArray(String[]::new));
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
