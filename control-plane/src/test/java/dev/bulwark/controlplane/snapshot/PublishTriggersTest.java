package dev.bulwark.controlplane.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What makes a version get published: events, the periodic re-check, and concurrent publishers. */
@MicronautTest(transactional = false)
class PublishTriggersTest extends RealDatabaseTest {
    @Inject
    InMemorySnapshotSource source;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    PublishedSnapshots published;
    @Inject
    SnapshotHistory history;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    ApplicationEventPublisher<ConfigurationChanged> events;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "sync");
        properties.put("bulwark.sync.environments", "recheck,events,race");
        properties.put("bulwark.sync.recheck-interval", "300ms");
        return properties;
    }

    @Test
    void periodicRecheckPublishesAChangeNobodyAnnounced() {
        source.set(TestSnapshots.withKeys("recheck", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> head("recheck") == 1);
        source.set(TestSnapshots.withKeys("recheck", 2));
        await().atMost(Duration.ofSeconds(10)).until(() -> head("recheck") == 2);
        // Unchanged content: the re-check keeps comparing hashes and publishes nothing more.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> head("recheck") == 2);
    }

    @Test
    void configurationChangedEventPublishes() {
        source.set(TestSnapshots.withKeys("events", 4));
        events.publishEvent(new ConfigurationChanged("events"));
        await().atMost(Duration.ofSeconds(10)).until(() -> head("events") >= 1);
        assertThat(transactions.executeRead(status -> history.at("events", published.head("events").orElseThrow())).orElseThrow()
                .snapshot().apiKeys()).hasSize(4);
    }

    @Test
    void concurrentPublishersNeverCollideOnAVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PublishOutcome>> outcomes = new ArrayList<>();
            for (int round = 1; round <= 6; round++) {
                source.set(TestSnapshots.withKeys("race", round));
                List<Callable<PublishOutcome>> racers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    racers.add(() -> publisher.publish("race"));
                }
                outcomes.addAll(pool.invokeAll(racers));
            }
            long publishedCount = 0;
            for (Future<PublishOutcome> outcome : outcomes) {
                if (outcome.get() instanceof PublishOutcome.Published) {
                    publishedCount++;
                }
            }
            // The periodic re-check may have published some rounds itself; either way one version per content.
            assertThat(head("race")).isEqualTo(6);
            assertThat(publishedCount).isLessThanOrEqualTo(6);
        } finally {
            pool.shutdownNow();
        }
    }

    private long head(String environment) {
        return transactions.executeRead(status -> published.head(environment)).map(PublishedSnapshots.Head::version).orElse(0L);
    }
}
