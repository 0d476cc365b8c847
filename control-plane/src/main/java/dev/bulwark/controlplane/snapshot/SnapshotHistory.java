package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotDeltaException;
import dev.bulwark.contracts.sync.SnapshotDiff;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's memory of each environment's published history: the snapshot at the head, indexed
 * with its entry hashes (so the next publication diffs and hashes in proportion to its change), and
 * the recent per-version deltas (so a data plane behind catches up without reading the database).
 *
 * <p>The database stays the truth: when the head moved on another replica the memory catches up by
 * the stored deltas, and after a restart it is rebuilt from the latest checkpoint plus the deltas
 * after it, each verified by its content hash. Methods that read run in the caller's transaction.
 */
@Singleton
public class SnapshotHistory {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotHistory.class);

    private final PublishedSnapshots rows;
    private final SyncSettings settings;
    private final Map<String, IndexedSnapshot> heads = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<Long, SnapshotDelta>> deltas = new ConcurrentHashMap<>();
    private final Map<String, Long> checkpoints = new ConcurrentHashMap<>();

    SnapshotHistory(PublishedSnapshots rows, SyncSettings settings) {
        this.rows = rows;
        this.settings = settings;
    }

    /**
     * The snapshot at {@code head}; empty when it cannot be rebuilt (nothing of the current schema
     * is stored, or the stored history does not verify), in which case the next publication starts
     * a new chain.
     */
    public synchronized Optional<IndexedSnapshot> at(String environment, PublishedSnapshots.Head head) throws SQLException {
        IndexedSnapshot known = heads.get(environment);
        if (known != null && known.version() == head.version() && known.contentHash().equals(head.contentHash())) {
            return Optional.of(known);
        }
        if (known != null && known.version() < head.version()) {
            Optional<IndexedSnapshot> caughtUp = replay(environment, known, head);
            if (caughtUp.isPresent()) {
                heads.put(environment, caughtUp.get());
                return caughtUp;
            }
        }
        Optional<PublishedSnapshots.Checkpoint> checkpoint = rows.latestCheckpoint(environment, head.version());
        if (checkpoint.isEmpty()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        IndexedSnapshot base = IndexedSnapshot.of(checkpoint.get().snapshot());
        if (!base.contentHash().equals(checkpoint.get().contentHash()) || base.version() != checkpoint.get().version()) {
            LOG.error("stored checkpoint {} version {} does not match its content hash; starting a new chain", environment,
                    checkpoint.get().version());
            return Optional.empty();
        }
        checkpoints.merge(environment, base.version(), Math::max);
        Optional<IndexedSnapshot> rebuilt = replay(environment, base, head);
        rebuilt.ifPresent(state -> {
            heads.put(environment, state);
            LOG.info("snapshot {} version {} rebuilt from checkpoint {} and {} delta(s) in {} ms", environment, head.version(),
                    base.version(), head.version() - base.version(), (System.nanoTime() - started) / 1_000_000);
        });
        return rebuilt;
    }

    /**
     * The deltas, one per version, that bring a data plane from {@code version} with {@code hash} to
     * {@code head}; empty when some are no longer stored or the data plane's hash is not ours.
     */
    public Optional<List<SnapshotDelta>> deltas(String environment, long version, String hash, PublishedSnapshots.Head head)
            throws SQLException {
        if (version <= 0 || version >= head.version() || hash == null) {
            return Optional.empty();
        }
        ConcurrentSkipListMap<Long, SnapshotDelta> recent = recent(environment);
        List<SnapshotDelta> chain = new ArrayList<>(recent.subMap(version, false, head.version(), true).values());
        if (chain.size() != head.version() - version) {
            chain = rows.deltas(environment, version, head.version());
            chain.forEach(delta -> recent.put(delta.toVersion(), delta));
        }
        if (chain.size() != head.version() - version || !Objects.equals(chain.get(0).fromHash(), hash)
                || !chain.get(chain.size() - 1).toHash().equals(head.contentHash())) {
            return Optional.empty();
        }
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).fromVersion() != chain.get(i - 1).toVersion() || !chain.get(i).fromHash().equals(chain.get(i - 1).toHash())) {
                return Optional.empty();
            }
        }
        return Optional.of(chain);
    }

    /** Records a version this replica just committed. */
    synchronized void published(String environment, IndexedSnapshot state, SnapshotDelta delta, boolean checkpoint) {
        // Another thread may already have caught up past this version from the database.
        heads.merge(environment, state, (known, next) -> next.version() >= known.version() ? next : known);
        if (delta != null) {
            ConcurrentSkipListMap<Long, SnapshotDelta> recent = recent(environment);
            recent.put(delta.toVersion(), delta);
            recent.headMap(state.version() - settings.retainedVersions(), true).clear();
        }
        if (checkpoint) {
            checkpoints.merge(environment, state.version(), Math::max);
        }
    }

    /** True when enough versions were published since the last checkpoint that a restart should not replay more. */
    boolean checkpointDue(String environment, long version) {
        return version - checkpoints.getOrDefault(environment, 0L) >= settings.checkpointEvery();
    }

    void checkpointed(String environment, long version) {
        checkpoints.merge(environment, version, Math::max);
    }

    /** Drops this replica's memory, as a restart does; the next read rebuilds it from the database. */
    public synchronized void forget() {
        heads.clear();
        deltas.clear();
        checkpoints.clear();
    }

    private Optional<IndexedSnapshot> replay(String environment, IndexedSnapshot base, PublishedSnapshots.Head head)
            throws SQLException {
        List<SnapshotDelta> chain = rows.deltas(environment, base.version(), head.version());
        if (chain.size() != head.version() - base.version()) {
            return Optional.empty();
        }
        IndexedSnapshot state = base;
        ConcurrentSkipListMap<Long, SnapshotDelta> recent = recent(environment);
        try {
            for (SnapshotDelta delta : chain) {
                state = SnapshotDiff.apply(state, delta);
                recent.put(delta.toVersion(), delta);
            }
        } catch (SnapshotDeltaException e) {
            LOG.error("stored {} deltas after version {} do not replay: {}", environment, base.version(), e.getMessage());
            return Optional.empty();
        }
        recent.headMap(head.version() - settings.retainedVersions(), true).clear();
        return state.contentHash().equals(head.contentHash()) ? Optional.of(state) : Optional.empty();
    }

    private ConcurrentSkipListMap<Long, SnapshotDelta> recent(String environment) {
        return deltas.computeIfAbsent(environment, ignored -> new ConcurrentSkipListMap<>());
    }
}
