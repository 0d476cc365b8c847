package dev.bulwark.contracts.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** apply(from, diff(from, to)) == to, over seeded random snapshots and random edit chains. */
class SnapshotDiffPropertyTest {
    private static final long RUN_SEED = Long.getLong("bulwark.seed", System.nanoTime());

    @Test
    void applyingTheDiffYieldsTheTarget() throws Exception {
        SplittableRandom seeds = new SplittableRandom(RUN_SEED);
        for (int trial = 0; trial < 300; trial++) {
            long seed = seeds.nextLong();
            RandomSnapshots generator = new RandomSnapshots(seed);
            Snapshot current = generator.snapshot(1);
            for (int step = 0; step < 5; step++) {
                Snapshot target = generator.edit(current);
                SnapshotDelta delta = SnapshotDiff.diff(current, target);
                Snapshot applied = SnapshotDiff.apply(current, delta);
                String context = "seed " + seed + " step " + step + " (rerun with -Dbulwark.seed=" + RUN_SEED + ")";
                assertThat(applied.contentHash()).as(context).isEqualTo(target.contentHash());
                assertThat(SnapshotHash.of(applied)).as(context).isEqualTo(target.contentHash());
                assertThat(applied.version()).as(context).isEqualTo(target.version());
                assertThat(sorted(applied.apis(), a -> a.apiId())).as(context).isEqualTo(sorted(target.apis(), a -> a.apiId()));
                assertThat(sorted(applied.apiKeys(), k -> k.keyId())).as(context).isEqualTo(sorted(target.apiKeys(), k -> k.keyId()));
                assertThat(sorted(applied.plans(), p -> p.planId())).as(context).isEqualTo(sorted(target.plans(), p -> p.planId()));
                assertThat(sorted(applied.applications(), a -> a.applicationId())).as(context)
                        .isEqualTo(sorted(target.applications(), a -> a.applicationId()));
                current = applied;
            }
        }
    }

    @Test
    void diffOfIdenticalContentIsEmpty() {
        SplittableRandom seeds = new SplittableRandom(RUN_SEED);
        for (int trial = 0; trial < 100; trial++) {
            Snapshot snapshot = new RandomSnapshots(seeds.nextLong()).snapshot(3);
            Snapshot reordered = SnapshotHash.stamped(new Snapshot(snapshot.schemaVersion(), 4, snapshot.environment(), null,
                    snapshot.createdAt(), reversed(snapshot.apis()), reversed(snapshot.plans()), reversed(snapshot.applications()),
                    reversed(snapshot.apiKeys())));
            assertThat(reordered.contentHash()).isEqualTo(snapshot.contentHash());
            assertThat(SnapshotDiff.diff(snapshot, reordered).changes().isEmpty()).isTrue();
        }
    }

    @Test
    void deltaIsRefusedOnAnyOtherBase() throws Exception {
        RandomSnapshots generator = new RandomSnapshots(RUN_SEED);
        Snapshot v1 = generator.snapshot(1);
        Snapshot v2 = generator.edit(v1);
        Snapshot v3 = generator.edit(v2);
        SnapshotDelta delta = SnapshotDiff.diff(v2, v3);
        assertThatThrownBy(() -> SnapshotDiff.apply(v1, delta)).isInstanceOf(SnapshotDeltaException.class)
                .hasMessageContaining("delta starts at version " + v2.version());
        Snapshot sameVersionOtherContent = SnapshotHash.stamped(new Snapshot(v2.schemaVersion(), v2.version(), v2.environment(),
                null, v2.createdAt(), List.of(), v2.plans(), v2.applications(), v2.apiKeys()));
        if (!sameVersionOtherContent.contentHash().equals(v2.contentHash())) {
            assertThatThrownBy(() -> SnapshotDiff.apply(sameVersionOtherContent, delta)).isInstanceOf(SnapshotDeltaException.class);
        }
    }

    @Test
    void deltaWhoseResultDoesNotHashToItsTargetIsRefused() throws Exception {
        RandomSnapshots generator = new RandomSnapshots(RUN_SEED);
        Snapshot v1 = generator.snapshot(1);
        Snapshot v2 = generator.edit(v1);
        SnapshotDelta honest = SnapshotDiff.diff(v1, v2);
        SnapshotDelta lying = new SnapshotDelta(honest.environment(), honest.schemaVersion(), honest.fromVersion(), honest.fromHash(),
                honest.toVersion(), "0".repeat(64), honest.createdAt(), honest.changes());
        assertThatThrownBy(() -> SnapshotDiff.apply(v1, lying)).isInstanceOf(SnapshotDeltaException.class)
                .hasMessageContaining("does not match its content hash");
    }

    @Test
    void removingAnUnknownEntryIsRefused() {
        Snapshot v1 = new RandomSnapshots(RUN_SEED).snapshot(1);
        SnapshotChanges changes = new SnapshotChanges(new Changes<>(List.of(), List.of("api-that-never-was")), null, null, null);
        SnapshotDelta delta = new SnapshotDelta(v1.environment(), v1.schemaVersion(), v1.version(), v1.contentHash(), 2,
                v1.contentHash(), v1.createdAt(), changes);
        assertThatThrownBy(() -> SnapshotDiff.apply(v1, delta)).isInstanceOf(SnapshotDeltaException.class)
                .hasMessageContaining("api-that-never-was");
    }

    private static <T> List<T> sorted(List<T> entries, Function<T, String> id) {
        return entries.stream().sorted(Comparator.comparing(id)).toList();
    }

    private static <T> List<T> reversed(List<T> entries) {
        List<T> copy = new ArrayList<>(entries);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
