package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.usage.EventDecoder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this replica's detector consumer on a dedicated platform thread (JDBC and blocking reads
 * stay off the HTTP event loop). Disabled with {@code bulwark.incidents.detection-enabled=false}.
 */
@Singleton
@Requires(property = "bulwark.incidents.detection-enabled", notEquals = "false")
final class IncidentDetectionService implements ApplicationEventListener<ApplicationStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentDetectionService.class);
    /** Older events can still raise an incident's counters: detection is about recent windows, so a day is ample. */
    private static final Duration LATE_CUTOFF = Duration.ofDays(1);

    private final IncidentSettings settings;
    private final IncidentDetection detection;
    private final String redisUrl;
    private final String keyPrefix;
    private IncidentStreamLoop loop;
    private Thread thread;

    IncidentDetectionService(IncidentSettings settings, IncidentDetection detection,
                             @Value("${bulwark.redis.url}") String redisUrl,
                             @Value("${bulwark.redis.key-prefix}") String keyPrefix) {
        this.settings = settings;
        this.detection = detection;
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationStartupEvent event) {
        if (thread != null) {
            return;
        }
        loop = new IncidentStreamLoop(redisUrl, keyPrefix, settings, consumerName(),
                new EventDecoder(Clock.systemUTC(), LATE_CUTOFF), detection::detect, detection::purge);
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

    private static String consumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "control-plane";
        }
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return host + "-" + HexFormat.of().formatHex(suffix);
    }
}
