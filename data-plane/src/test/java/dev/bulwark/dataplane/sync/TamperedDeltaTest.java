package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.contracts.sync.Ack;
import dev.bulwark.contracts.sync.Changes;
import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.Hello;
import dev.bulwark.contracts.sync.SnapshotChanges;
import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotDiff;
import dev.bulwark.contracts.sync.SnapshotFull;
import dev.bulwark.contracts.sync.SyncMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<SyncMessage> received = new CopyOnWriteArrayList<>();
    private volatile ServerWebSocket socket;

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aTamperedDeltaIsRefusedAndAFullSnapshotRequested() throws Exception {
        HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> {
            socket = ws;
            ws.textMessageHandler(text -> {
                try {
                    received.add(SyncJson.read(text));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ws.writeTextMessage(SyncJson.write(new Heartbeat(Instant.now(), 0)));
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        RecordingSink applier = new RecordingSink();
        DataPlaneSync sync = DataPlaneSync.create(vertx, new SyncSettings(URI.create("ws://127.0.0.1:" + server.actualPort() + "/sync/v1"),
                "bwdp_x", Path.of("unused"), null), "gw-t", "production", applier, new SimpleMeterRegistry());
        sync.start().await(10, TimeUnit.SECONDS);

        await().atMost(PATIENCE).until(() -> hellos().size() == 1);
        Snapshot v1 = Snapshots.version(1, "production");
        send(new SnapshotFull(v1));
        await().atMost(PATIENCE).until(() -> received.contains(new Ack(1, v1.contentHash())));

        Snapshot v2 = withKey(v1, 2, new ApiKeyEntry("key-2", "bwk_live_second00", "digest-2", "tenant-1", "app-1", List.of(), null));
        SnapshotDelta honest = SnapshotDiff.diff(v1, v2);
        ApiKeyEntry forged = new ApiKeyEntry("key-2", "bwk_live_second00", "forged", "tenant-1", "app-1", List.of("admin"), null);
        send(new SnapshotDelta(honest.environment(), honest.schemaVersion(), 1, v1.contentHash(), 2, v2.contentHash(),
                honest.createdAt(), new SnapshotChanges(null, null, null, new Changes<>(List.of(forged), List.of()))));

        await().atMost(PATIENCE).until(() -> hellos().size() == 2);
        Hello resync = hellos().get(1);
        assertThat(resync.appliedVersion()).isEqualTo(1);
        assertThat(resync.appliedHash()).as("no hash: asks for a full snapshot").isNull();
        assertThat(applier.applied).extracting(Snapshot::version).containsExactly(1L);

        send(new SnapshotFull(v2));
        await().atMost(PATIENCE).until(() -> received.contains(new Ack(2, v2.contentHash())));
        assertThat(applier.applied.get(applier.applied.size() - 1)).isEqualTo(v2);
        sync.stop().await(5, TimeUnit.SECONDS);
    }

    private List<Hello> hellos() {
        return received.stream().filter(Hello.class::isInstance).map(Hello.class::cast).toList();
    }

    private void send(SyncMessage message) {
        socket.writeTextMessage(SyncJson.write(message));
    }

    private static Snapshot withKey(Snapshot base, long version, ApiKeyEntry key) {
        List<ApiKeyEntry> keys = new java.util.ArrayList<>(base.apiKeys());
        keys.add(key);
        return SnapshotHash.stamped(new Snapshot(base.schemaVersion(), version, base.environment(), null, Instant.now(), base.apis(),
                base.plans(), base.applications(), keys));
    }
}
