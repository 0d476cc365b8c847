package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.sync.Ack;
import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.Nack;
import dev.bulwark.contracts.sync.SnapshotFull;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real sync client against a scripted control plane: a heartbeat announcing a version the
 * gateway never received (the frame was lost, or the replica could not send it yet) makes it ask
 * to be brought up to date at once, not at the next publication; a version it refused does not.
 */
class HeartbeatCatchUpTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aHeartbeatAnnouncingAMissedVersionGetsAHelloButARefusedVersionDoesNot() throws Exception {
        ScriptedControlPlane controlPlane = ScriptedControlPlane.start(vertx, 1);
        RecordingSink applier = new RecordingSink();
        DataPlaneSync sync = controlPlane.connect("gw-catch-up", applier);

        await().atMost(PATIENCE).until(() -> controlPlane.hellos().size() == 1);
        Snapshot v1 = Snapshots.version(1, "production");
        controlPlane.send(new SnapshotFull(v1));
        controlPlane.send(new Heartbeat(Instant.now(), 1));
        await().atMost(PATIENCE).until(() -> controlPlane.received.contains(new Ack(1, v1.contentHash())));

        // Version 2 was published but its delta never arrived.
        controlPlane.send(new Heartbeat(Instant.now(), 2));
        await().atMost(PATIENCE).until(() -> controlPlane.hellos().size() == 2);
        assertThat(controlPlane.hellos().get(1).appliedVersion()).isEqualTo(1);
        assertThat(controlPlane.hellos().get(1).appliedHash()).as("from the version in force: deltas will do").isEqualTo(v1.contentHash());

        // Version 3 arrives, does not verify and is refused; announcing it again is no reason to ask for it again.
        Snapshot v3 = Snapshots.version(3, "production");
        controlPlane.send(new SnapshotFull(new Snapshot(v3.schemaVersion(), 3, v3.environment(), v1.contentHash(), v3.createdAt(), v3.apis(),
                v3.plans(), v3.applications(), v3.apiKeys())));
        controlPlane.send(new Heartbeat(Instant.now(), 3));
        Snapshot v4 = Snapshots.version(4, "production");
        controlPlane.send(new SnapshotFull(v4));
        // Messages are processed in order: once 4 is acknowledged, the heartbeat announcing 3 was handled.
        await().atMost(PATIENCE).until(() -> controlPlane.received.contains(new Ack(4, v4.contentHash())));
        assertThat(controlPlane.received).anyMatch(message -> message instanceof Nack nack && nack.version() == 3);
        assertThat(controlPlane.hellos()).hasSize(2);
        assertThat(applier.applied).extracting(Snapshot::version).containsExactly(1L, 4L);
        sync.stop().await(5, TimeUnit.SECONDS);
    }

}
