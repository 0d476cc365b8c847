package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.contracts.sync.Ack;
import dev.bulwark.contracts.sync.Changes;
import dev.bulwark.contracts.sync.Hello;
import dev.bulwark.contracts.sync.SnapshotChanges;
import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotDiff;
import dev.bulwark.contracts.sync.SnapshotFull;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real sync client against a scripted control plane: a delta whose result does not hash to its
 * {@code toHash} is never applied, and the gateway asks for a full snapshot (hello without a hash).
 */
class TamperedDeltaTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aTamperedDeltaIsRefusedAndAFullSnapshotRequested() throws Exception {
        ScriptedControlPlane controlPlane = ScriptedControlPlane.start(vertx, 0);
        RecordingSink applier = new RecordingSink();
        DataPlaneSync sync = controlPlane.connect("gw-t", applier);

        await().atMost(PATIENCE).until(() -> controlPlane.hellos().size() == 1);
        Snapshot v1 = Snapshots.version(1, "production");
        controlPlane.send(new SnapshotFull(v1));
        await().atMost(PATIENCE).until(() -> controlPlane.received.contains(new Ack(1, v1.contentHash())));

        Snapshot v2 = withKey(v1, 2, new ApiKeyEntry("key-2", "bwk_live_second00", "digest-2", "tenant-1", "app-1", List.of(), null));
        SnapshotDelta honest = SnapshotDiff.diff(v1, v2);
        ApiKeyEntry forged = new ApiKeyEntry("key-2", "bwk_live_second00", "forged", "tenant-1", "app-1", List.of("admin"), null);
        controlPlane.send(new SnapshotDelta(honest.environment(), honest.schemaVersion(), 1, v1.contentHash(), 2, v2.contentHash(),
                honest.createdAt(), new SnapshotChanges(null, null, null, new Changes<>(List.of(forged), List.of()))));

        await().atMost(PATIENCE).until(() -> controlPlane.hellos().size() == 2);
        Hello resync = controlPlane.hellos().get(1);
        assertThat(resync.appliedVersion()).isEqualTo(1);
        assertThat(resync.appliedHash()).as("no hash: asks for a full snapshot").isNull();
        assertThat(applier.applied).extracting(Snapshot::version).containsExactly(1L);

        controlPlane.send(new SnapshotFull(v2));
        await().atMost(PATIENCE).until(() -> controlPlane.received.contains(new Ack(2, v2.contentHash())));
        assertThat(applier.applied.get(applier.applied.size() - 1)).isEqualTo(v2);
        sync.stop().await(5, TimeUnit.SECONDS);
    }


    private static Snapshot withKey(Snapshot base, long version, ApiKeyEntry key) {
        List<ApiKeyEntry> keys = new java.util.ArrayList<>(base.apiKeys());
        keys.add(key);
        return SnapshotHash.stamped(new Snapshot(base.schemaVersion(), version, base.environment(), null, Instant.now(), base.apis(),
                base.plans(), base.applications(), keys));
    }
}
