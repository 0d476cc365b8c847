package dev.bulwark.dataplane.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.Snapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway restarted while its control plane is down serves its last-known-good snapshot at once. */
class RestartWithoutControlPlaneTest {
    @TempDir
    Path directory;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void appliesLastKnownGoodBeforeTheControlPlaneAnswers() throws Exception {
        byte[] key = LastKnownGoodTest.key();
        Path file = directory.resolve("lkg.bin");
        Snapshot stored = Snapshots.version(12, "production");
        new LastKnownGood(file, key).store(stored);
        RecordingSink applier = new RecordingSink();
        DataPlaneSync sync = DataPlaneSync.create(vertx, new SyncSettings(deadControlPlane(), "bwdp_x", file, key), "gw-1",
                "production", applier, new SimpleMeterRegistry());

        sync.start().await(10, TimeUnit.SECONDS);

        assertThat(applier.applied).containsExactly(stored);
        assertThat(sync.status().source()).isEqualTo(SyncStatus.Source.LAST_KNOWN_GOOD);
        assertThat(sync.status().ready()).isTrue();
        assertThat(sync.status().connected()).isFalse();
        assertThat(sync.status().describe().getLong("appliedVersion")).isEqualTo(12L);
        sync.stop().await(5, TimeUnit.SECONDS);
    }

    @Test
    void aTamperedFileIsRefusedAndTheGatewayIsNotReady() throws Exception {
        byte[] key = LastKnownGoodTest.key();
        Path file = directory.resolve("lkg.bin");
        new LastKnownGood(file, key).store(Snapshots.version(12, "production"));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x40;
        Files.write(file, bytes);
        RecordingSink applier = new RecordingSink();
        DataPlaneSync sync = DataPlaneSync.create(vertx, new SyncSettings(deadControlPlane(), "bwdp_x", file, key), "gw-1",
                "production", applier, new SimpleMeterRegistry());

        sync.start().await(10, TimeUnit.SECONDS);

        assertThat(applier.applied).isEmpty();
        assertThat(sync.status().ready()).isFalse();
        assertThat(sync.status().source()).isEqualTo(SyncStatus.Source.NONE);
        sync.stop().await(5, TimeUnit.SECONDS);
    }

    @Test
    void aSnapshotOfAnotherEnvironmentIsRefused() throws Exception {
        byte[] key = LastKnownGoodTest.key();
        Path file = directory.resolve("lkg.bin");
        new LastKnownGood(file, key).store(Snapshots.version(4, "staging"));
        RecordingSink applier = new RecordingSink();
        DataPlaneSync sync = DataPlaneSync.create(vertx, new SyncSettings(deadControlPlane(), "bwdp_x", file, key), "gw-1",
                "production", applier, new SimpleMeterRegistry());

        sync.start().await(10, TimeUnit.SECONDS);

        assertThat(applier.applied).isEmpty();
        assertThat(sync.status().ready()).isFalse();
        sync.stop().await(5, TimeUnit.SECONDS);
    }

    /** A ws:// URL on a port nothing listens on. */
    private static URI deadControlPlane() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return URI.create("ws://127.0.0.1:" + port + "/sync/v1");
    }
}
