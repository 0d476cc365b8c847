package dev.bulwark.controlplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.contracts.sync.BreakerStatus;
import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.Hello;
import dev.bulwark.contracts.sync.SnapshotFull;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.dataplane.BreakerView;
import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import dev.bulwark.controlplane.dataplane.DataPlaneRegistry;
import dev.bulwark.controlplane.dataplane.DataPlaneView;
import dev.bulwark.controlplane.dataplane.IssuedCredential;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.snapshot.InMemorySnapshotSource;
import dev.bulwark.controlplane.snapshot.PublishOutcome;
import dev.bulwark.controlplane.snapshot.PublishedSnapshots;
import dev.bulwark.controlplane.snapshot.SnapshotHistory;
import dev.bulwark.controlplane.snapshot.SnapshotPublisher;
import dev.bulwark.controlplane.snapshot.SyncJson;
import dev.bulwark.controlplane.snapshot.TestSnapshots;
import dev.bulwark.dataplane.sync.DataPlaneSync;
import dev.bulwark.dataplane.sync.SnapshotSink;
import dev.bulwark.dataplane.sync.SyncSettings;
import dev.bulwark.dataplane.sync.SyncStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The real thing end to end: the control plane on a real port and PostgreSQL, the gateway's real
 * sync client (Vert.x) connecting out to it, publishing, deltas, acks, catch-up and refusals.
 */
@MicronautTest(transactional = false)
class SyncFlowTest extends RealDatabaseTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;
    @Inject
    InMemorySnapshotSource source;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    PublishedSnapshots published;
    @Inject
    SnapshotHistory history;
    @Inject
    DataPlaneCredentials credentials;
    @Inject
    DataPlaneRegistry registry;
    @Inject
    SyncJson json;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

    private final Vertx vertx = Vertx.vertx();
    private final SecureRandom random = new SecureRandom();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "sync");
        properties.put("bulwark.sync.environments", "production,staging,sandbox,restart");
        properties.put("bulwark.sync.recheck-interval", "1h");
        properties.put("bulwark.sync.poll-interval", "200ms");
        return properties;
    }

    @AfterAll
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theHelloCarriesThePublicUrlAndHeartbeatsTheOpenBreakersEachTenantSeeingOnlyItsOwn() throws Exception {
        String credential = credentials.issue("sandbox", "breaker gateways", "ops@example.com").credential();
        TenantId tenantA = new TenantId(UUID.randomUUID());
        TenantId tenantB = new TenantId(UUID.randomUUID());
        Instant since = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<BreakerStatus> reported = new CopyOnWriteArrayList<>(List.of(
                new BreakerStatus(tenantA.toString(), "api-a", "http://orders.internal:8080", BreakerStatus.OPEN, since),
                new BreakerStatus(tenantB.toString(), "api-b", "https://stock.internal:443", BreakerStatus.HALF_OPEN, since)));
        SyncSettings settings = new SyncSettings(syncUrl(), credential, Path.of("unused"), null);
        DataPlaneSync gateway = DataPlaneSync.create(vertx, settings, "gw-breakers", "sandbox", new Recorder(),
                new SimpleMeterRegistry(), new DataPlaneSync.Reported("http://127.0.0.1:18000", () -> List.copyOf(reported)));
        gateway.start().await(10, TimeUnit.SECONDS);
        try {
            // the gateway may not have said hello yet: absent is "not yet", not a failure
            await().atMost(PATIENCE).until(() -> find("gw-breakers", tenantA).map(view -> !view.breakers().isEmpty()).orElse(false));
            assertThat(view("gw-breakers").publicUrl()).as("the URL its hello advertised").isEqualTo("http://127.0.0.1:18000");
            assertThat(view("gw-breakers", tenantA).breakers())
                    .containsExactly(new BreakerView("api-a", "http://orders.internal:8080", "open", since));
            assertThat(view("gw-breakers", tenantB).breakers())
                    .containsExactly(new BreakerView("api-b", "https://stock.internal:443", "half-open", since));
            assertThat(view("gw-breakers").breakers()).as("a tenant with no breakers sees none of the others'").isEmpty();

            reported.clear();
            await().atMost(PATIENCE).until(() -> view("gw-breakers", tenantA).breakers().isEmpty());
        } finally {
            gateway.stop().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void gatewayGetsAFullSnapshotThenDeltasAndAcksEach() throws Exception {
        String credential = credentials.issue("production", "test gateways", "ops@example.com").credential();
        source.set(TestSnapshots.withKeys("production", 1));
        assertThat(publisher.publish("production")).isInstanceOf(PublishOutcome.Published.class);
        long first = head("production");
        Recorder applier = new Recorder();
        DataPlaneSync gateway = gateway("gw-full", "production", credential, applier, null);

        gateway.start().await(10, TimeUnit.SECONDS);
        awaitVersion(gateway, applier, "production", first);
        assertThat(gateway.status().fullSnapshotsReceived()).isEqualTo(1);
        assertThat(gateway.status().source()).isEqualTo(SyncStatus.Source.CONTROL_PLANE);

        source.set(TestSnapshots.withKeys("production", 2));
        publisher.requestPublish("production");
        awaitVersion(gateway, applier, "production", first + 1);
        source.set(TestSnapshots.withKeys("production", 3));
        publisher.requestPublish("production");
        awaitVersion(gateway, applier, "production", first + 2);

        assertThat(gateway.status().deltasReceived()).isEqualTo(2);
        assertThat(gateway.status().fullSnapshotsReceived()).isEqualTo(1);
        Snapshot inForce = applier.last();
        assertThat(inForce.apiKeys()).hasSize(3);
        assertThat(SnapshotHash.verifies(inForce)).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(view("gw-full")).satisfies(view -> {
            assertThat(view.appliedVersion()).isEqualTo(first + 2);
            assertThat(view.appliedHash()).isEqualTo(inForce.contentHash());
            assertThat(view.lag()).isZero();
            assertThat(view.connected()).isTrue();
        }));

        gateway.stop().await(10, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> !view("gw-full").connected());
    }

    @Test
    void unchangedConfigurationPublishesNothingAndInvalidIsNeverPublished() {
        source.set(TestSnapshots.withKeys("staging", 2));
        publisher.publish("staging");
        long version = head("staging");

        assertThat(publisher.publish("staging")).isEqualTo(new PublishOutcome.Unchanged("staging", version));

        source.set(TestSnapshots.withDuplicateRoute("staging"));
        PublishOutcome duplicate = publisher.publish("staging");
        assertThat(duplicate).isInstanceOf(PublishOutcome.Refused.class);
        assertThat(((PublishOutcome.Refused) duplicate).reasons()).anyMatch(reason -> reason.contains("duplicate route"));

        source.set(TestSnapshots.withInvalidPolicy("staging"));
        PublishOutcome invalid = publisher.publish("staging");
        assertThat(((PublishOutcome.Refused) invalid).reasons()).anyMatch(reason -> reason.contains("policies[0].limit"));

        source.set(TestSnapshots.empty("staging"));
        PublishOutcome emptied = publisher.publish("staging");
        assertThat(((PublishOutcome.Refused) emptied).reasons()).anyMatch(reason -> reason.contains("allow-emptying"));
        assertThat(head("staging")).isEqualTo(version);
    }

    @Test
    void gatewayThatMissedVersionsCatchesUpByDeltaFromItsLastKnownGood() throws Exception {
        String credential = credentials.issue("sandbox", "catch-up", "ops@example.com").credential();
        Path lkg = dev.bulwark.testing.TempDirectories.create("bulwark-lkg").resolve("lkg.bin");
        byte[] key = new byte[32];
        random.nextBytes(key);
        source.set(TestSnapshots.withKeys("sandbox", 1));
        publisher.publish("sandbox");
        Recorder firstRun = new Recorder();
        DataPlaneSync gateway = gateway("gw-catch-up", "sandbox", credential, firstRun, new SyncSettingsKey(lkg, key));
        gateway.start().await(10, TimeUnit.SECONDS);
        long before = head("sandbox");
        await().atMost(PATIENCE).until(() -> firstRun.version() == before && Files.exists(lkg));
        gateway.stop().await(10, TimeUnit.SECONDS);

        source.set(TestSnapshots.withKeys("sandbox", 2));
        publisher.publish("sandbox");
        source.set(TestSnapshots.withKeys("sandbox", 3));
        publisher.publish("sandbox");
        assertThat(head("sandbox")).isEqualTo(before + 2);

        Recorder secondRun = new Recorder();
        DataPlaneSync restarted = gateway("gw-catch-up", "sandbox", credential, secondRun, new SyncSettingsKey(lkg, key));
        restarted.start().await(10, TimeUnit.SECONDS);
        assertThat(secondRun.applied).first().extracting(Snapshot::version).isEqualTo(before);
        awaitVersion(restarted, secondRun, "sandbox", before + 2);
        // One delta per missed version, each verified on arrival.
        assertThat(restarted.status().deltasReceived()).isEqualTo(2);
        assertThat(restarted.status().fullSnapshotsReceived()).isZero();
        assertThat(secondRun.last().apiKeys()).hasSize(3);
        restarted.stop().await(10, TimeUnit.SECONDS);
    }

    @Test
    void afterAControlPlaneRestartGatewaysStillCatchUpByCorrectDeltas() throws Exception {
        String credential = credentials.issue("restart", "restart", "ops@example.com").credential();
        Path lkg = dev.bulwark.testing.TempDirectories.create("bulwark-lkg").resolve("lkg.bin");
        byte[] key = new byte[32];
        random.nextBytes(key);
        source.set(TestSnapshots.withKeys("restart", 1));
        publisher.publish("restart");
        long before = head("restart");
        Recorder firstRun = new Recorder();
        DataPlaneSync gateway = gateway("gw-restart", "restart", credential, firstRun, new SyncSettingsKey(lkg, key));
        gateway.start().await(10, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> firstRun.version() == before && Files.exists(lkg));
        gateway.stop().await(10, TimeUnit.SECONDS);

        source.set(TestSnapshots.withKeys("restart", 2));
        publisher.publish("restart");
        // The control plane restarts: its memory of the head and of recent deltas is gone. The next
        // publication and the catch-up below must come from the checkpoint and deltas stored in PostgreSQL.
        history.forget();
        source.set(TestSnapshots.withKeys("restart", 3));
        assertThat(publisher.publish("restart")).isInstanceOf(PublishOutcome.Published.class);
        history.forget();

        Recorder secondRun = new Recorder();
        DataPlaneSync restarted = gateway("gw-restart", "restart", credential, secondRun, new SyncSettingsKey(lkg, key));
        restarted.start().await(10, TimeUnit.SECONDS);
        awaitVersion(restarted, secondRun, "restart", before + 2);
        assertThat(restarted.status().deltasReceived()).isEqualTo(2);
        assertThat(restarted.status().fullSnapshotsReceived()).isZero();
        Snapshot inForce = secondRun.last();
        assertThat(inForce.apiKeys()).hasSize(3);
        assertThat(SnapshotHash.verifies(inForce)).isTrue();
        assertThat(inForce.contentHash()).isEqualTo(transactions.executeRead(status -> published.head("restart")).orElseThrow()
                .contentHash());
        restarted.stop().await(10, TimeUnit.SECONDS);
    }

    @Test
    void unknownOrRevokedCredentialIsRefusedBeforeTheUpgrade() {
        assertThat(upgradeStatus(null)).isEqualTo(401);
        assertThat(upgradeStatus("bwdp_" + "A".repeat(43))).isEqualTo(401);
        assertThat(upgradeStatus("not even the format")).isEqualTo(401);
        IssuedCredential issued = credentials.issue("production", "to revoke", "ops@example.com");
        assertThat(credentials.revoke(issued.id())).isTrue();
        assertThat(upgradeStatus(issued.credential())).isEqualTo(401);
        assertThat(credentials.list()).filteredOn(c -> c.id().equals(issued.id())).singleElement()
                .satisfies(c -> assertThat(c.revokedAt()).isNotNull());
    }

    @Test
    void credentialOfAnotherEnvironmentCannotSubscribeToThisOne() throws Exception {
        String credential = credentials.issue("staging", "wrong env", "ops@example.com").credential();
        source.set(TestSnapshots.withKeys("production", 5));
        publisher.publish("production");
        Recorder applier = new Recorder();
        DataPlaneSync gateway = gateway("gw-wrong-env", "production", credential, applier, null);
        gateway.start().await(10, TimeUnit.SECONDS);
        // The control plane closes the connection on the hello; the gateway keeps retrying, never applying anything.
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> applier.applied.isEmpty());
        gateway.stop().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aHeartbeatThatReachesTheHubBeforeTheHelloDoesNotGetTheGatewayRefused() throws Exception {
        String credential = credentials.issue("production", "early heartbeat", "ops@example.com").credential();
        source.set(TestSnapshots.withKeys("production", 6));
        publisher.publish("production");
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<String> closed = new java.util.concurrent.atomic.AtomicReference<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            // Handlers set on the event loop as the upgrade completes, as the gateway does, so the first frame is not missed.
            io.vertx.core.http.WebSocket socket = client.connect(new WebSocketConnectOptions().setAbsoluteURI(syncUrl().toString())
                    .addHeader("Authorization", "Bearer " + credential)).onSuccess(opened -> {
                        opened.textMessageHandler(received::add);
                        opened.closeHandler(ignored -> closed.set(opened.closeStatusCode() + " " + opened.closeReason()));
                    }).await(10, TimeUnit.SECONDS);
            // The control plane speaks first; then the gateway's periodic heartbeat and its hello leave
            // back to back, and the heartbeat gets to the hub first.
            await().atMost(PATIENCE).until(() -> !received.isEmpty());
            socket.writeTextMessage(json.write(new Heartbeat(Instant.now(), 0))).await(10, TimeUnit.SECONDS);
            socket.writeTextMessage(json.write(new Hello("gw-early-heartbeat", "production", 0, null, "test"))).await(10, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> closed.get() != null || received.stream().anyMatch(m -> m.contains(SnapshotFull.TYPE)));
            assertThat(closed.get()).as("the control plane closed the connection").isNull();
            socket.close().await(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private Integer upgradeStatus(String credential) {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(syncUrl().toString());
        if (credential != null) {
            options.addHeader("Authorization", "Bearer " + credential);
        }
        try {
            client.connect(options).await(10, TimeUnit.SECONDS);
            return 101;
        } catch (Exception error) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof UpgradeRejectedException rejected) {
                    return rejected.getStatus();
                }
            }
            throw new AssertionError("upgrade failed for another reason", error);
        } finally {
            client.close();
        }
    }

    record SyncSettingsKey(Path file, byte[] key) {
    }

    private DataPlaneSync gateway(String id, String environment, String credential, SnapshotSink applier, SyncSettingsKey lkg) {
        return gateway(vertx, server, id, environment, credential, applier, lkg);
    }

    /** The gateway's real sync client against this control plane; {@code lkg} null keeps no last-known-good file. */
    static DataPlaneSync gateway(Vertx vertx, EmbeddedServer server, String id, String environment, String credential,
            SnapshotSink applier, SyncSettingsKey lkg) {
        SyncSettings settings = new SyncSettings(syncUrl(server), credential, lkg == null ? Path.of("unused") : lkg.file(),
                lkg == null ? null : lkg.key());
        return DataPlaneSync.create(vertx, settings, id, environment, applier, new SimpleMeterRegistry());
    }

    private URI syncUrl() {
        return syncUrl(server);
    }

    private static URI syncUrl(EmbeddedServer server) {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/sync/v1");
    }

    /** Waits for the version, and says where sync stood when it did not come. */
    private void awaitVersion(DataPlaneSync gateway, Recorder applier, String environment, long version) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(applier.version())
                .as(() -> "applied by the gateway; published head " + head(environment) + ", gateway " + gateway.status().describe().encode())
                .isEqualTo(version));
    }

    private long head(String environment) {
        return transactions.executeRead(status -> published.head(environment)).map(PublishedSnapshots.Head::version).orElse(0L);
    }

    private DataPlaneView view(String id) {
        return view(id, new TenantId(UUID.randomUUID()));
    }

    private DataPlaneView view(String id, TenantId viewer) {
        return find(id, viewer).orElseThrow();
    }

    private Optional<DataPlaneView> find(String id, TenantId viewer) {
        return registry.list(viewer).stream().filter(view -> view.id().equals(id)).findFirst();
    }

    /** The gateway core's compile-and-swap, reduced to what sync relies on: refuse what is not newer. */
    static final class Recorder implements SnapshotSink {
        final List<Snapshot> applied = new CopyOnWriteArrayList<>();

        @Override
        public Future<Void> apply(Snapshot snapshot) {
            if (!applied.isEmpty() && snapshot.version() <= last().version()) {
                return Future.failedFuture("version " + snapshot.version() + " is not newer than the version in force");
            }
            applied.add(snapshot);
            return Future.succeededFuture();
        }

        Snapshot last() {
            return applied.get(applied.size() - 1);
        }

        long version() {
            return applied.isEmpty() ? 0 : last().version();
        }
    }
}
