package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.controlplane.usage.DeliveredEvent;
import dev.bulwark.controlplane.usage.EventDecoder;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's consumer of the security stream in the detector's own group (so ingestion keeps
 * every entry too). Reads with XREADGROUP, runs the batch through the detectors in one transaction
 * and XACKs after the commit; after a failure it re-reads its own pending entries first, and takes
 * over entries a dead replica left pending (XAUTOCLAIM). The delivery-id ledger in the writer makes
 * redelivery harmless. Runs on its own thread.
 */
final class IncidentStreamLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentStreamLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration MAINTENANCE = Duration.ofMinutes(1);

    private final RedisURI uri;
    private final IncidentSettings settings;
    private final Consumer<String> consumer;
    private final String key;
    private final EventDecoder decoder;
    private final Function<List<DeliveredEvent>, Integer> detect;
    private final Runnable maintenance;
    private volatile boolean running = true;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    IncidentStreamLoop(String redisUrl, String keyPrefix, IncidentSettings settings, String consumerName, EventDecoder decoder,
                       Function<List<DeliveredEvent>, Integer> detect, Runnable maintenance) {
        this.uri = RedisURI.create(redisUrl);
        this.uri.setTimeout(settings.block().plusSeconds(10));
        this.settings = settings;
        this.consumer = Consumer.from(settings.consumerGroup(), consumerName);
        this.key = EventStreams.Kind.SECURITY.streamKey(keyPrefix);
        this.decoder = decoder;
        this.detect = detect;
        this.maintenance = maintenance;
    }

    void halt() {
        running = false;
    }

    @Override
    public void run() {
        client = RedisClient.create();
        long backoffMillis = 0;
        boolean ownPendingFirst = true;
        long nextMaintenance = 0;
        try {
            while (running) {
                try {
                    if (backoffMillis > 0) {
                        Thread.sleep(backoffMillis); // this thread's own retry pause; nothing else waits on it
                    }
                    RedisCommands<String, String> redis = commands();
                    if (System.nanoTime() - nextMaintenance >= 0) {
                        maintenance.run();
                        claimAbandoned(redis);
                        nextMaintenance = System.nanoTime() + MAINTENANCE.toNanos();
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
                        return;
                    }
                    ownPendingFirst = true;
                    backoffMillis = Math.min(Math.max(backoffMillis * 2, 200), MAX_BACKOFF.toMillis());
                    LOG.warn("incident detection failed, retrying in {} ms: {}", backoffMillis, e.getMessage());
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

    private RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            closeConnection();
            connection = client.connect(StringCodec.UTF8, uri);
            try {
                // From the start of the stream, like ingestion: nothing written before the first start is skipped.
                connection.sync().xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), settings.consumerGroup(),
                        XGroupCreateArgs.Builder.mkstream());
            } catch (RedisCommandExecutionException e) {
                if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                    throw e;
                }
            }
        }
        return connection.sync();
    }

    @SuppressWarnings("unchecked")
    private List<StreamMessage<String, String>> read(RedisCommands<String, String> redis, boolean ownPending) {
        if (ownPending) {
            return redis.xreadgroup(consumer, XReadArgs.Builder.count(settings.batchSize()), XReadArgs.StreamOffset.from(key, "0"));
        }
        return redis.xreadgroup(consumer, XReadArgs.Builder.count(settings.batchSize()).block(settings.block()),
                XReadArgs.StreamOffset.lastConsumed(key));
    }

    private void claimAbandoned(RedisCommands<String, String> redis) {
        String cursor = "0-0";
        do {
            var claimed = redis.xautoclaim(key, XAutoClaimArgs.Builder.xautoclaim(consumer, settings.claimIdle(), cursor)
                    .count(settings.batchSize()));
            process(redis, claimed.getMessages().stream()
                    .filter(message -> message.getBody() != null && !message.getBody().isEmpty()).toList());
            cursor = claimed.getId();
        } while (running && !"0-0".equals(cursor));
    }

    private void process(RedisCommands<String, String> redis, List<StreamMessage<String, String>> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        List<DeliveredEvent> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            // A refused entry is acknowledged without a detection: ingestion counts the refusal.
            EventDecoder.Decoded decoded = decoder.decode(EventStreams.Kind.SECURITY, message.getBody());
            if (decoded.event() != null) {
                events.add(decoded.event());
            }
        }
        if (!events.isEmpty()) {
            detect.apply(events);
        }
        redis.xack(key, settings.consumerGroup(), messages.stream().map(StreamMessage::getId).toArray(String[]::new));
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
