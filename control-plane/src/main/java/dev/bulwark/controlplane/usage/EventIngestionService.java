package dev.bulwark.controlplane.usage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this replica's one stream consumer on a dedicated platform thread (JDBC and blocking
 * XREADGROUP stay off the HTTP event loop). Replicas share the consumer group, so each entry is
 * ingested by one of them. Disabled with {@code bulwark.telemetry.ingestion-enabled=false}.
 */
@Singleton
@Requires(property = "bulwark.telemetry.ingestion-enabled", notEquals = "false")
final class EventIngestionService implements ApplicationEventListener<ApplicationStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(EventIngestionService.class);

    private final IngestionLoops loops;
    private StreamIngestionLoop loop;
    private Thread thread;

    EventIngestionService(IngestionLoops loops) {
        this.loops = loops;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationStartupEvent event) {
        if (thread != null) {
            return;
        }
        loop = loops.create();
        thread = Thread.ofPlatform().name("bulwark-event-ingester").daemon().start(loop);
        LOG.info("event ingestion started (group {})", loops.settings().consumerGroup());
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (loop != null) {
            loop.halt();
            thread.join(loops.settings().block().toMillis() + 5_000);
        }
    }
}
