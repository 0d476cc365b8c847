package dev.bulwark.controlplane.usage;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.controlplane.stream.StreamConsumerLoop;
import dev.bulwark.controlplane.stream.StreamGroup;
import dev.bulwark.controlplane.stream.StreamRedis;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's consumer in the shared ingestion group: the {@link StreamConsumerLoop} reads both
 * streams and acknowledges after each batch; this class decodes the batch, writes it in one
 * transaction and counts the outcome. Together with the dedupe in the writer this gives
 * at-least-once delivery and exactly-once counting. Runs on its own thread.
 */
final class StreamIngestionLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamIngestionLoop.class);

    private final Map<String, EventStreams.Kind> kinds = new HashMap<>();
    private final EventDecoder decoder;
    private final IngestionWriter writer;
    private final IngestionMetrics metrics;
    private final StreamConsumerLoop loop;

    /**
     * @param redis one Redis or a Redis Cluster; both streams carry the {@code {events}} hash tag, so one
     *              XREADGROUP reads them on a cluster too
     */
    StreamIngestionLoop(StreamRedis redis, String keyPrefix, TelemetrySettings settings, String consumerName,
                        EventDecoder decoder, IngestionWriter writer, IngestionMetrics metrics, Runnable maintenance) {
        for (EventStreams.Kind kind : List.of(EventStreams.Kind.USAGE, EventStreams.Kind.SECURITY)) {
            kinds.put(kind.streamKey(keyPrefix), kind);
        }
        this.decoder = decoder;
        this.writer = writer;
        this.metrics = metrics;
        StreamGroup group = new StreamGroup(List.of(EventStreams.Kind.USAGE.streamKey(keyPrefix),
                EventStreams.Kind.SECURITY.streamKey(keyPrefix)), settings.consumerGroup(), consumerName, settings.batchSize(),
                settings.block(), settings.claimIdle(), settings.claimInterval(), Duration.ofHours(1));
        this.loop = new StreamConsumerLoop(redis, group, this::ingest, maintenance, metrics::batchFailed);
    }

    /** Asks the loop to finish its current batch and return. */
    void halt() {
        loop.halt();
    }

    @Override
    public void run() {
        loop.run();
    }

    private void ingest(List<StreamMessage<String, String>> messages) {
        List<DeliveredEvent> accepted = new ArrayList<>(messages.size());
        Map<EventStreams.Kind, Integer> acceptedPerKind = new EnumMap<>(EventStreams.Kind.class);
        for (StreamMessage<String, String> message : messages) {
            EventStreams.Kind kind = kinds.get(message.getStream());
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
    }
}
