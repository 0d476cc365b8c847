package dev.bulwark.controlplane.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.SyncMessage;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import dev.bulwark.controlplane.snapshot.InMemorySnapshotSource;
import dev.bulwark.controlplane.snapshot.PublishedSnapshots;
import dev.bulwark.controlplane.snapshot.SnapshotPublisher;
import dev.bulwark.controlplane.snapshot.SyncJson;
import dev.bulwark.controlplane.snapshot.TestSnapshots;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Sync when something goes wrong on the way: a publication that fails is retried soon, not at a
 * re-check that may be an hour away, and a connection whose first frame went missing is not left
 * waiting for a hello that never comes.
 */
@MicronautTest(transactional = false)
class SyncResilienceTest extends RealDatabaseTest {
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
    DataPlaneCredentials credentials;
    @Inject
    SyncJson json;
    @Inject
    TransactionOperations<Connection> transactions;

    private final Vertx vertx = Vertx.vertx();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "sync");
        properties.put("bulwark.sync.environments", "production,retry");
        // No re-check within the test: only the retry after a failure can publish.
        properties.put("bulwark.sync.recheck-interval", "1h");
        return properties;
    }

    @AfterAll
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aPublicationThatFailsIsRetriedWithBackoffUntilItSucceeds() {
        source.set(TestSnapshots.withKeys("retry", 2));
        source.failNext("retry", 2);

        publisher.requestPublish("retry");

        await().atMost(PATIENCE).until(() -> head("retry") == 1);
        assertThat(source.compilations("retry")).as("two failed attempts, then the one that published").isEqualTo(3);
    }

    @Test
    void aConnectionThatHasNotSaidHelloStillGetsHeartbeats() throws Exception {
        String credential = credentials.issue("production", "silent gateway", "ops@example.com").credential();
        List<SyncMessage> received = new CopyOnWriteArrayList<>();
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            io.vertx.core.http.WebSocket socket = client.connect(new WebSocketConnectOptions()
                    .setAbsoluteURI("ws://127.0.0.1:" + server.getPort() + "/sync/v1").addHeader("Authorization", "Bearer " + credential))
                    .onSuccess(opened -> opened.textMessageHandler(text -> {
                        try {
                            received.add(json.read(text));
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })).await(10, TimeUnit.SECONDS);
            // The first heartbeat is the one a gateway answers with its hello; if it was lost, the next one must come.
            await().atMost(PATIENCE).until(() -> received.stream().filter(Heartbeat.class::isInstance).count() >= 2);
            socket.close().await(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private long head(String environment) {
        return transactions.executeRead(status -> published.head(environment)).map(PublishedSnapshots.Head::version).orElse(0L);
    }
}
