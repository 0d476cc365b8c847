package dev.bulwark.controlplane.sync;

import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.sync.Ack;
import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.Hello;
import dev.bulwark.contracts.sync.Nack;
import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotFull;
import dev.bulwark.contracts.sync.SyncLimits;
import dev.bulwark.contracts.sync.SyncMessage;
import dev.bulwark.controlplane.dataplane.DataPlaneRegistry;
import dev.bulwark.controlplane.dataplane.RevocationListener;
import dev.bulwark.controlplane.snapshot.PublicationListener;
import dev.bulwark.controlplane.snapshot.PublishedSnapshots;
import dev.bulwark.controlplane.snapshot.SnapshotHistory;
import dev.bulwark.controlplane.snapshot.SyncJson;
import dev.bulwark.controlplane.snapshot.SyncSettings;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.websocket.CloseReason;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data planes connected to this replica, and what each has been sent. Every decision runs on
 * one thread, so messages to a data plane leave in order and connection state needs no locks.
 * Versions published by other replicas are found by a cheap poll of each environment's head.
 */
@Singleton
public class SyncHub implements PublicationListener, RevocationListener {
    private static final Logger LOG = LoggerFactory.getLogger(SyncHub.class);

    private final Map<String, SyncConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, Long> announced = new ConcurrentHashMap<>();
    private final PublishedSnapshots snapshots;
    private final SnapshotHistory history;
    private final Map<String, FullMessage> lastFull = new ConcurrentHashMap<>();
    private final DataPlaneRegistry registry;
    private final TransactionOperations<Connection> transactions;
    private final SyncJson json;
    private final SyncSettings settings;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulwark-sync-hub");
        thread.setDaemon(true);
        return thread;
    });

    SyncHub(PublishedSnapshots snapshots, SnapshotHistory history, DataPlaneRegistry registry,
            TransactionOperations<Connection> transactions, SyncJson json, SyncSettings settings) {
        this.snapshots = snapshots;
        this.history = history;
        this.registry = registry;
        this.transactions = transactions;
        this.json = json;
        this.settings = settings;
        long poll = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> guarded(this::pollHeads), poll, poll, TimeUnit.MILLISECONDS);
        long beat = SyncLimits.HEARTBEAT_INTERVAL.toMillis();
        executor.scheduleWithFixedDelay(() -> guarded(this::heartbeat), beat, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * The control plane speaks first: a frame the data plane sent before the server side of the
     * upgrade completed could be lost, so the data plane waits for this heartbeat before its hello.
     */
    void opened(SyncConnection connection) {
        connections.put(connection.session.getId(), connection);
        executor.execute(() -> guarded(() -> send(connection,
                new Heartbeat(Instant.now(), announced.getOrDefault(connection.holder.environment(), 0L)))));
    }

    void received(String sessionId, SyncMessage message) {
        SyncConnection connection = connections.get(sessionId);
        if (connection != null) {
            connection.lastHeardAt = System.nanoTime();
            executor.execute(() -> guarded(() -> handle(connection, message)));
        }
    }

    void closed(String sessionId) {
        SyncConnection connection = connections.remove(sessionId);
        if (connection != null && connection.greeted()) {
            executor.execute(() -> guarded(() -> {
                registry.disconnected(connection.dataPlaneId);
                LOG.info("data plane {} ({}) disconnected", connection.dataPlaneId, connection.holder.environment());
            }));
        }
    }

    /** A version was just published by this replica: push it now rather than at the next poll. */
    @Override
    public void published(String environment) {
        executor.execute(() -> guarded(() -> pushHead(environment)));
    }

    /** Closes every connection made with a revoked credential. */
    @Override
    public void revoked(UUID credentialId) {
        for (SyncConnection connection : connections.values()) {
            if (connection.holder.credentialId().equals(credentialId)) {
                connection.session.close(new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "credential revoked"));
            }
        }
    }

    /** The credentials the data planes connected to this replica authenticated with. */
    public Set<UUID> connectedCredentials() {
        Set<UUID> credentials = new HashSet<>();
        connections.values().forEach(connection -> credentials.add(connection.holder.credentialId()));
        return credentials;
    }

    private void handle(SyncConnection connection, SyncMessage message) {
        switch (message) {
            case Hello hello -> hello(connection, hello);
            case Ack ack when connection.greeted() -> {
                connection.ackedVersion = ack.version();
                connection.ackedHash = ack.hash();
                registry.applied(connection.dataPlaneId, ack.version(), ack.hash());
                LOG.info("data plane {} applied {} version {}", connection.dataPlaneId, connection.holder.environment(), ack.version());
            }
            case Nack nack when connection.greeted() -> {
                LOG.warn("data plane {} refused {} version {}: {}", connection.dataPlaneId, connection.holder.environment(),
                        nack.version(), nack.reason());
                registry.refused(connection.dataPlaneId, nack.version(), nack.reason());
                // Resume from what it really has; the next published version is sent from there.
                connection.sentVersion = connection.ackedVersion;
                connection.sentHash = connection.ackedHash;
            }
            case Heartbeat heartbeat when connection.greeted() -> registry.seen(connection.dataPlaneId, heartbeat.breakers());
            // A gateway's periodic heartbeat can leave right behind its hello on a fresh connection and reach
            // the hub first (messages are dispatched as they are read); it needs nothing from the hello,
            // so it is not a reason to refuse the gateway. Liveness was already noted in received().
            case Heartbeat heartbeat -> LOG.debug("heartbeat before the hello ignored");
            default -> close(connection, CloseReason.POLICY_VIOLATION, "expected hello first, got " + message.getClass().getSimpleName());
        }
    }

    private void hello(SyncConnection connection, Hello hello) {
        String environment = connection.holder.environment();
        if (!environment.equals(hello.environment())) {
            close(connection, CloseReason.POLICY_VIOLATION, "credential is for environment " + environment);
            return;
        }
        if (hello.dataPlaneId() == null || hello.dataPlaneId().isBlank() || hello.dataPlaneId().length() > 200) {
            close(connection, CloseReason.POLICY_VIOLATION, "dataPlaneId must be 1-200 characters");
            return;
        }
        connection.dataPlaneId = hello.dataPlaneId();
        connection.sentVersion = connection.ackedVersion = hello.appliedVersion();
        connection.sentHash = connection.ackedHash = hello.appliedHash();
        registry.connected(hello.dataPlaneId(), environment, connection.holder.credentialId(), hello.softwareVersion(),
                hello.appliedVersion(), hello.appliedHash(), hello.publicUrl());
        LOG.info("data plane {} connected for {} at version {}", hello.dataPlaneId(), environment, hello.appliedVersion());
        Optional<PublishedSnapshots.Head> head = read(() -> snapshots.head(environment));
        head.ifPresent(h -> bringUpToDate(connection, h));
    }

    private void pollHeads() {
        connections.values().stream().map(c -> c.holder.environment()).distinct().forEach(this::pushHead);
    }

    private void pushHead(String environment) {
        Optional<PublishedSnapshots.Head> head = read(() -> snapshots.head(environment));
        if (head.isEmpty()) {
            return;
        }
        announced.merge(environment, head.get().version(), Math::max);
        for (SyncConnection connection : connections.values()) {
            if (connection.greeted() && connection.holder.environment().equals(environment)) {
                bringUpToDate(connection, head.get());
            }
        }
    }

    private void bringUpToDate(SyncConnection connection, PublishedSnapshots.Head head) {
        if (connection.sentVersion == head.version() && Objects.equals(connection.sentHash, head.contentHash())) {
            return;
        }
        String environment = connection.holder.environment();
        // One delta per missed version, each verified by the data plane; a full snapshot when they are gone.
        Optional<List<SnapshotDelta>> deltas = read(() -> history.deltas(environment, connection.sentVersion, connection.sentHash, head));
        if (deltas.isPresent()) {
            deltas.get().forEach(delta -> send(connection, json.write(delta)));
        } else {
            Optional<String> full = fullSnapshot(environment, head);
            if (full.isEmpty()) {
                LOG.warn("{} version {} cannot be rebuilt on this replica yet; data plane {} waits for the next version",
                        environment, head.version(), connection.dataPlaneId);
                return;
            }
            send(connection, full.get());
        }
        connection.sentVersion = head.version();
        connection.sentHash = head.contentHash();
        LOG.debug("sent {} version {} to {} as {}", environment, head.version(), connection.dataPlaneId,
                deltas.map(d -> d.size() + " delta(s)").orElse("a full snapshot"));
    }

    /** The full snapshot message of the head, serialised once for every data plane that needs it. */
    private Optional<String> fullSnapshot(String environment, PublishedSnapshots.Head head) {
        FullMessage cached = lastFull.get(environment);
        if (cached != null && cached.version() == head.version() && cached.hash().equals(head.contentHash())) {
            return Optional.of(cached.json());
        }
        Optional<IndexedSnapshot> state = read(() -> history.at(environment, head));
        if (state.isEmpty()) {
            return Optional.empty();
        }
        String text = json.write(new SnapshotFull(state.get().snapshot()));
        lastFull.put(environment, new FullMessage(head.version(), head.contentHash(), text));
        return Optional.of(text);
    }

    private record FullMessage(long version, String hash, String json) {
    }

    private void heartbeat() {
        long now = System.nanoTime();
        for (SyncConnection connection : connections.values()) {
            if (now - connection.lastHeardAt > SyncLimits.SILENCE_TIMEOUT.toNanos()) {
                close(connection, CloseReason.GOING_AWAY, "silent for " + SyncLimits.SILENCE_TIMEOUT.toSeconds() + " s");
            } else {
                // Ungreeted ones too: the gateway says hello only after the control plane's first
                // frame, so if that frame was lost this one starts the exchange within one interval.
                send(connection, new Heartbeat(Instant.now(), announced.getOrDefault(connection.holder.environment(), 0L)));
            }
        }
    }

    private void send(SyncConnection connection, SyncMessage message) {
        send(connection, json.write(message));
    }

    private void send(SyncConnection connection, String text) {
        if (connection.session.isOpen()) {
            connection.session.sendAsync(text).exceptionally(error -> {
                LOG.debug("send to data plane {} failed: {}", connection.dataPlaneId, error.toString());
                return null;
            });
        }
    }

    private void close(SyncConnection connection, CloseReason kind, String reason) {
        LOG.warn("closing sync connection of {}: {}", connection.dataPlaneId == null ? "an unidentified data plane" : connection.dataPlaneId,
                reason);
        connection.session.close(new CloseReason(kind.getCode(), reason.length() > 120 ? reason.substring(0, 120) : reason));
    }

    private <T> T read(SqlSupplier<T> supplier) {
        return transactions.executeRead(status -> supplier.get());
    }

    private static void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("sync hub task failed", e);
        }
    }

    @FunctionalInterface
    interface SqlSupplier<T> {
        T get() throws Exception;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
