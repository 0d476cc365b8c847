package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.controlplane.stream.StreamConsumerLoop;
import dev.bulwark.controlplane.stream.StreamGroup;
import dev.bulwark.controlplane.stream.StreamRedis;
import dev.bulwark.controlplane.usage.DeliveredEvent;
import dev.bulwark.controlplane.usage.EventDecoder;
import io.lettuce.core.StreamMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this replica's detector consumer: the security, usage and endpoint streams read in the detectors' own
 * group (so ingestion keeps every entry too) by a {@link StreamConsumerLoop} on a dedicated platform thread,
 * each batch run through the detectors in one transaction before it is acknowledged. The delivery-id
 * ledger in the writer makes redelivery harmless. Disabled with
 * {@code bulwark.incidents.detection-enabled=false}.
 */
@Singleton
@Requires(property = "bulwark.incidents.detection-enabled", notEquals = "false")
final class IncidentDetectionService implements ApplicationEventListener<ApplicationStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentDetectionService.class);
    /** Older events can still raise an incident's counters: detection is about recent windows, so a day is ample. */
    private static final Duration LATE_CUTOFF = Duration.ofDays(1);
    private static final Duration MAINTENANCE = Duration.ofMinutes(1);

    private final IncidentSettings settings;
    private final IncidentDetection detection;
    private final StreamRedis redis;
    private final String keyPrefix;
    private final String usageKey;
    private final String endpointKey;
    private final EventDecoder decoder = new EventDecoder(Clock.systemUTC(), LATE_CUTOFF);
    private StreamConsumerLoop loop;
    private Thread thread;

    IncidentDetectionService(IncidentSettings settings, IncidentDetection detection,
                             StreamRedis redis,
                             @Value("${bulwark.redis.key-prefix}") String keyPrefix) {
        this.settings = settings;
        this.detection = detection;
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.usageKey = EventStreams.Kind.USAGE.streamKey(keyPrefix);
        this.endpointKey = EventStreams.Kind.ENDPOINT.streamKey(keyPrefix);
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationStartupEvent event) {
        if (thread != null) {
            return;
        }
        StreamGroup group = new StreamGroup(List.of(usageKey, EventStreams.Kind.SECURITY.streamKey(keyPrefix), endpointKey),
                settings.consumerGroup(), StreamGroup.uniqueConsumerName(), settings.batchSize(), settings.block(), settings.claimIdle(), MAINTENANCE,
                MAINTENANCE);
        loop = new StreamConsumerLoop(redis, group, this::detect, detection::purge, () -> { });
        thread = Thread.ofPlatform().name("bulwark-incident-detector").daemon().start(loop);
        LOG.info("incident detection started (group {})", settings.consumerGroup());
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (loop != null) {
            loop.halt();
            thread.join(settings.block().toMillis() + 5_000);
        }
    }

    private void detect(List<StreamMessage<String, String>> messages) {
        List<DeliveredEvent> events = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            // A refused entry is acknowledged without a detection: ingestion counts the refusal.
            String stream = message.getStream();
            EventDecoder.Decoded decoded = decoder.decode(stream.equals(usageKey) ? EventStreams.Kind.USAGE
                    : stream.equals(endpointKey) ? EventStreams.Kind.ENDPOINT : EventStreams.Kind.SECURITY, message.getBody());
            if (decoded.event() != null) {
                events.add(decoded.event());
            }
        }
        if (!events.isEmpty()) {
            detection.detect(events);
        }
    }
}
