package dev.bulwark.launcher.bench;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.sync.SnapshotChanges;
import dev.bulwark.contracts.sync.SnapshotDiff;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Thread-CPU time of the sync stages for one removed key among {@code n} (default 100,000), as the
 * control plane runs them: index and hash everything (a full snapshot), diff a freshly compiled copy
 * in id order against the index, replay and re-hash. CPU time, not wall time: the build box is shared.
 * Run: {@code java -cp launcher/target/test-classes:$(cat launcher/target/bench.classpath)
 * dev.bulwark.launcher.bench.IncrementalHashTiming [n]} (add -XX:TieredStopAtLevel=1 for C1 only).
 */
public final class IncrementalHashTiming {
    private IncrementalHashTiming() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SplittableRandom random = new SplittableRandom(1);
        List<ApiKeyEntry> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(new ApiKeyEntry(UUID.randomUUID().toString(), "bwk_live_" + Long.toHexString(random.nextLong()),
                    Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), List.of(), null));
        }
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "production", null, Instant.now(), List.of(), List.of(), List.of(),
                keys);
        for (int round = 0; round < 5; round++) {
            long start = cpu();
            IndexedSnapshot indexed = IndexedSnapshot.of(snapshot);
            long indexedAt = cpu();
            List<ApiKeyEntry> compiled = new ArrayList<>(n);
            for (ApiKeyEntry key : keys) {
                compiled.add(new ApiKeyEntry(key.keyId(), key.lookupId(), key.digest(), key.tenantId(), key.applicationId(), key.scopes(),
                        key.expiresAt()));
            }
            compiled.remove(round);
            compiled.sort(Comparator.comparing(ApiKeyEntry::keyId));
            Snapshot next = new Snapshot(Snapshot.SCHEMA_VERSION, 0, "production", null, Instant.now(), List.of(), List.of(), List.of(),
                    compiled);
            long diffStart = cpu();
            SnapshotChanges changes = SnapshotDiff.changes(indexed, next);
            long diffedAt = cpu();
            IndexedSnapshot replayed = SnapshotDiff.replay(indexed, changes, 2, Instant.now());
            long replayedAt = cpu();
            System.out.printf("%d keys: index+hash all %d ms, diff %d ms (%d change), replay+re-hash %d ms (hash %s)%n", n,
                    (indexedAt - start) / 1_000_000, (diffedAt - diffStart) / 1_000_000, changes.size(),
                    (replayedAt - diffedAt) / 1_000_000, replayed.contentHash().substring(0, 12));
        }
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
