package dev.bulwark.controlplane.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotDiff;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Storage of published versions as deltas plus checkpoints: a replica that starts with no memory
 * rebuilds the head and serves the same deltas, also after old versions were pruned.
 */
@MicronautTest(transactional = false)
class SnapshotHistoryTest extends RealDatabaseTest {
    @Inject
    InMemorySnapshotSource source;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    PublishedSnapshots published;
    @Inject
    SnapshotHistory history;
    @Inject
    SyncSettings settings;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "sync");
        properties.put("bulwark.sync.environments", "history");
        properties.put("bulwark.sync.recheck-interval", "1h");
        properties.put("bulwark.sync.checkpoint-every", "3");
        properties.put("bulwark.sync.retained-versions", "4");
        return properties;
    }

    @Test
    void aReplicaWithoutMemoryRebuildsTheHeadAndServesTheSameDeltas() throws Exception {
        Map<Long, IndexedSnapshot> states = new HashMap<>();
        for (int keys = 1; keys <= 10; keys++) {
            source.set(TestSnapshots.withKeys("history", keys));
            PublishOutcome.Published outcome = (PublishOutcome.Published) publisher.publish("history");
            states.put(outcome.version(), transactions.executeRead(status -> history.at("history", head())).orElseThrow());
        }
        PublishedSnapshots.Head head = head();
        assertThat(head.version()).isEqualTo(10);
        // Checkpoints are written off the publishing thread: wait for the one the last versions asked for.
        await().atMost(Duration.ofSeconds(20)).until(() -> transactions.executeRead(status ->
                published.latestCheckpoint("history", head.version())).orElseThrow().version() >= 7);

        SnapshotHistory restarted = new SnapshotHistory(published, settings);
        IndexedSnapshot rebuilt = transactions.executeRead(status -> restarted.at("history", head)).orElseThrow();
        assertThat(rebuilt.contentHash()).isEqualTo(head.contentHash());
        assertThat(rebuilt.snapshot().apiKeys()).hasSize(10);

        // Versions older than the retained ones are pruned, but the retained ones still come as a verified chain.
        long behind = head.version() - 4;
        List<SnapshotDelta> chain = transactions.executeRead(status ->
                restarted.deltas("history", behind, states.get(behind).contentHash(), head)).orElseThrow();
        assertThat(chain).extracting(SnapshotDelta::toVersion).containsExactly(7L, 8L, 9L, 10L);
        IndexedSnapshot replayed = states.get(behind);
        for (SnapshotDelta delta : chain) {
            replayed = SnapshotDiff.apply(replayed, delta);
        }
        assertThat(replayed.contentHash()).isEqualTo(head.contentHash());
        Optional<List<SnapshotDelta>> pruned = transactions.executeRead(status ->
                restarted.deltas("history", 1, states.get(1L).contentHash(), head));
        assertThat(pruned).as("pruned: the data plane gets a full snapshot instead").isEmpty();
        Optional<List<SnapshotDelta>> foreign = transactions.executeRead(status -> restarted.deltas("history", behind, "f".repeat(64), head));
        assertThat(foreign).as("a hash that is not ours gets no delta").isEmpty();
    }

    private PublishedSnapshots.Head head() {
        return transactions.executeRead(status -> published.head("history")).orElseThrow();
    }
}
