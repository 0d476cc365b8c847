package dev.bulwark.controlplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import dev.bulwark.controlplane.dataplane.DataPlaneRegistry;
import dev.bulwark.controlplane.dataplane.IssuedCredential;
import dev.bulwark.controlplane.snapshot.InMemorySnapshotSource;
import dev.bulwark.controlplane.snapshot.SnapshotPublisher;
import dev.bulwark.controlplane.snapshot.TestSnapshots;
import dev.bulwark.dataplane.sync.DataPlaneSync;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A credential revoked through another control-plane replica (here: the bare database update, which
 * no hub on this replica hears about) still disconnects the data planes connected to this one.
 */
@MicronautTest(transactional = false)
class CredentialRevocationWatchTest extends RealDatabaseTest {
    @Inject
    EmbeddedServer server;
    @Inject
    InMemorySnapshotSource source;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    DataPlaneCredentials credentials;
    @Inject
    DataPlaneRegistry registry;
    @Inject
    SyncHub hub;

    private final Vertx vertx = Vertx.vertx();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "sync");
        properties.put("bulwark.sync.environments", "production");
        properties.put("bulwark.sync.recheck-interval", "1h");
        properties.put("bulwark.sync.poll-interval", "200ms");
        return properties;
    }

    @AfterAll
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void revocationWrittenByAnotherReplicaDisconnectsTheDataPlaneHere() throws Exception {
        IssuedCredential revokedLater = credentials.issue("production", "revoked elsewhere", "ops@example.com");
        IssuedCredential kept = credentials.issue("production", "kept", "ops@example.com");
        source.set(TestSnapshots.withKeys("production", 1));
        publisher.publish("production");
        SyncFlowTest.Recorder first = new SyncFlowTest.Recorder();
        SyncFlowTest.Recorder second = new SyncFlowTest.Recorder();
        DataPlaneSync doomed = gateway("gw-doomed", revokedLater.credential(), first);
        DataPlaneSync survivor = gateway("gw-survivor", kept.credential(), second);
        doomed.start().await(10, TimeUnit.SECONDS);
        survivor.start().await(10, TimeUnit.SECONDS);
        // Generous: on a loaded two-core CI machine two WebSocket handshakes and a publish can be slow.
        // On a timeout, say where each gateway got to rather than only that the condition failed.
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.version() > 0 && second.version() > 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("gateways did not both apply the snapshot: doomed " + doomed.status().connected() + "/"
                    + first.version() + ", survivor " + survivor.status().connected() + "/" + second.version()
                    + ", hub sees " + hub.connectedCredentials() + " of " + List.of(revokedLater.id(), kept.id()), e);
        }
        assertThat(hub.connectedCredentials()).contains(revokedLater.id(), kept.id());

        assertThat(credentials.revoke(revokedLater.id())).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !hub.connectedCredentials().contains(revokedLater.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !doomed.status().connected());
        // It keeps trying, and every attempt is refused before the upgrade; the other data plane is untouched.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !doomed.status().connected()
                && survivor.status().connected());
        assertThat(hub.connectedCredentials()).contains(kept.id()).doesNotContain(revokedLater.id());

        doomed.stop().await(10, TimeUnit.SECONDS);
        survivor.stop().await(10, TimeUnit.SECONDS);
    }

    private DataPlaneSync gateway(String id, String credential, SyncFlowTest.Recorder applier) {
        return SyncFlowTest.gateway(vertx, server, id, "production", credential, applier, null);
    }
}
