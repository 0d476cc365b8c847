package dev.bulwark.contracts.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The incrementally maintained hash ({@link IndexedSnapshot} after deltas) always equals the hash
 * recomputed from scratch, over seeded random snapshots and chains of random deltas.
 */
class IncrementalHashPropertyTest {
    private static final long RUN_SEED = Long.getLong("bulwark.seed", System.nanoTime());

    @Test
    void incrementalHashEqualsFullRecomputation() throws Exception {
        SplittableRandom seeds = new SplittableRandom(RUN_SEED);
        for (int trial = 0; trial < 300; trial++) {
            long seed = seeds.nextLong();
            RandomSnapshots generator = new RandomSnapshots(seed);
            Snapshot first = generator.snapshot(1);
            IndexedSnapshot indexed = IndexedSnapshot.of(first);
            Snapshot plain = first;
            for (int step = 0; step < 8; step++) {
                String context = "seed " + seed + " step " + step + " (rerun with -Dbulwark.seed=" + RUN_SEED + ")";
                Snapshot target = generator.edit(plain);
                // The control plane's way: changes from the indexed form to a freshly compiled snapshot.
                SnapshotChanges changes = SnapshotDiff.changes(indexed, target);
                SnapshotDelta delta = new SnapshotDelta(target.environment(), target.schemaVersion(), indexed.version(),
                        indexed.contentHash(), target.version(), target.contentHash(), target.createdAt(), changes);
                IndexedSnapshot next = SnapshotDiff.apply(indexed, delta);
                assertThat(next.contentHash()).as(context).isEqualTo(SnapshotHash.of(target)).isEqualTo(target.contentHash());
                assertThat(SnapshotHash.of(next.snapshot())).as(context).isEqualTo(next.contentHash());
                assertThat(next.snapshot().apiKeys()).as(context).containsExactlyInAnyOrderElementsOf(target.apiKeys());
                // Same changes as the list-based diff.
                assertThat(SnapshotDiff.diff(plain, target).changes().size()).as(context).isEqualTo(changes.size());
                indexed = next;
                plain = target;
            }
        }
    }

    @Test
    void anyChangedEntryChangesTheHash() {
        SplittableRandom seeds = new SplittableRandom(RUN_SEED);
        for (int trial = 0; trial < 200; trial++) {
            Snapshot snapshot = new RandomSnapshots(seeds.nextLong()).snapshot(1);
            if (snapshot.apiKeys().isEmpty()) {
                continue;
            }
            List<ApiKeyEntry> keys = new ArrayList<>(snapshot.apiKeys());
            ApiKeyEntry key = keys.get(0);
            keys.set(0, new ApiKeyEntry(key.keyId(), key.lookupId(), key.digest() + "x", key.tenantId(), key.applicationId(),
                    key.scopes(), key.expiresAt()));
            Snapshot changed = new Snapshot(snapshot.schemaVersion(), 2, snapshot.environment(), null, snapshot.createdAt(),
                    snapshot.apis(), snapshot.plans(), snapshot.applications(), keys);
            assertThat(SnapshotHash.of(changed)).isNotEqualTo(snapshot.contentHash());
        }
    }

    @Test
    void tamperedDeltaIsRefusedWhateverItChanges() throws Exception {
        SplittableRandom seeds = new SplittableRandom(RUN_SEED);
        for (int trial = 0; trial < 100; trial++) {
            RandomSnapshots generator = new RandomSnapshots(seeds.nextLong());
            Snapshot v1 = generator.snapshot(1);
            Snapshot v2 = generator.edit(v1);
            SnapshotDelta honest = SnapshotDiff.diff(v1, v2);
            if (honest.changes().apiKeys().upserts().isEmpty()) {
                continue;
            }
            ApiKeyEntry key = honest.changes().apiKeys().upserts().get(0);
            List<ApiKeyEntry> upserts = new ArrayList<>(honest.changes().apiKeys().upserts());
            upserts.set(0, new ApiKeyEntry(key.keyId(), key.lookupId(), "forged", key.tenantId(), key.applicationId(), key.scopes(),
                    key.expiresAt()));
            SnapshotChanges forged = new SnapshotChanges(honest.changes().apis(), honest.changes().plans(),
                    honest.changes().applications(), new Changes<>(upserts, honest.changes().apiKeys().removals()));
            SnapshotDelta tampered = new SnapshotDelta(honest.environment(), honest.schemaVersion(), honest.fromVersion(),
                    honest.fromHash(), honest.toVersion(), honest.toHash(), honest.createdAt(), forged);
            IndexedSnapshot base = IndexedSnapshot.of(v1);
            assertThatThrownBy(() -> SnapshotDiff.apply(base, tampered)).isInstanceOf(SnapshotDeltaException.class)
                    .hasMessageContaining("does not match its content hash");
        }
    }
}
