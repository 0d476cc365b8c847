package dev.bulwark.dataplane.sync;

import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.contracts.sync.Ack;
import dev.bulwark.contracts.sync.BreakerStatus;
import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.Hello;
import dev.bulwark.contracts.sync.Nack;
import dev.bulwark.contracts.sync.SnapshotDelta;
import dev.bulwark.contracts.sync.SnapshotDiff;
import dev.bulwark.contracts.sync.SnapshotFull;
import dev.bulwark.contracts.sync.SyncLimits;
import dev.bulwark.contracts.sync.SyncMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of the sync protocol (docs/sync-protocol.md): connects out to the control
 * plane, says which version it has, applies full snapshots and deltas through the
 * {@link SnapshotSink}, acknowledges each, keeps the last-known-good file, and reconnects with
 * jittered exponential backoff for as long as it runs.
 *
 * <p>All state lives on one Vert.x context; messages are processed strictly one after another.
 * Hashing, delta replay and file I/O run on worker threads, never on the event loop.
 */
public final class ControlPlaneClient {
    /** Messages up to this many characters (heartbeats, acks, small deltas) are parsed in place. */
    private static final int INLINE_PARSE_LIMIT = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneClient.class);
    private static final long BACKOFF_INITIAL_MS = 200;
    private static final long BACKOFF_CAP_MS = 10_000;

    private final Vertx vertx;
    private final SyncSettings settings;
    private final String dataPlaneId;
    private final String environment;
    private final String softwareVersion;
    private final SnapshotSink applier;
    private final LastKnownGood lastKnownGood;
    private final SyncStatus status;
    private final Backoff backoff = new Backoff(BACKOFF_INITIAL_MS, BACKOFF_CAP_MS);
    private Context context;
    private WebSocketClient client;
    private WebSocket socket;
    /** The snapshot in force, indexed: deltas replay and hash in proportion to their size. */
    private IndexedSnapshot current;
    private final Supplier<List<BreakerStatus>> breakers;
    private final String publicUrl;
    /** Last-known-good writes are coalesced: at most one in flight, and only the newest waiting one is written next. */
    private IndexedSnapshot lkgWaiting;
    private Future<Void> lkgWriting;
    private Future<Void> processing = Future.succeededFuture();
    private long lastHeardAt;
    private long heartbeatTimer = -1;
    private long reconnectTimer = -1;
    private boolean stopped;
    /** The socket the hello went out on: the control plane speaks first, then this client says hello. */
    private WebSocket greeted;
    /** The socket on which the control plane answered after the hello: heartbeats go only there, never right behind a hello. */
    private WebSocket accepted;
    /** The last version this gateway refused: a heartbeat announcing it is no reason to ask for it again. */
    private long refusedVersion = -1;

    /** @param lastKnownGood null when no last-known-good file is kept */
    public ControlPlaneClient(Vertx vertx, SyncSettings settings, String dataPlaneId, String environment, String softwareVersion,
            SnapshotSink applier, LastKnownGood lastKnownGood, SyncStatus status) {
        this(vertx, settings, dataPlaneId, environment, softwareVersion, applier, lastKnownGood, status,
                new DataPlaneSync.Reported(null, List::of));
    }

    /** @param reported the public URL (sent in every hello) and the open breakers (sent with every heartbeat) */
    public ControlPlaneClient(Vertx vertx, SyncSettings settings, String dataPlaneId, String environment, String softwareVersion,
            SnapshotSink applier, LastKnownGood lastKnownGood, SyncStatus status, DataPlaneSync.Reported reported) {
        this.breakers = Objects.requireNonNull(reported.breakers());
        this.publicUrl = reported.publicUrl();
        this.vertx = vertx;
        this.settings = Objects.requireNonNull(settings);
        this.dataPlaneId = dataPlaneId;
        this.environment = environment;
        this.softwareVersion = softwareVersion;
        this.applier = applier;
        this.lastKnownGood = lastKnownGood;
        this.status = status;
    }

    /**
     * Applies the last-known-good snapshot when there is a valid one, then starts connecting. The
     * future completes once the last-known-good step is done, whether or not the control plane answers.
     */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        return Future.<Void>future(promise -> context.runOnContext(ignored -> {
            client = vertx.createWebSocketClient(settings.tls().apply(new WebSocketClientOptions()
                    .setMaxFrameSize(SyncLimits.MAX_MESSAGE_BYTES).setMaxMessageSize(SyncLimits.MAX_MESSAGE_BYTES)
                    .setConnectTimeout(5_000).setIdleTimeout(0)));
            loadLastKnownGood().onComplete(done -> {
                if (settings.enabled()) {
                    connect();
                    heartbeatTimer = vertx.setPeriodic(SyncLimits.HEARTBEAT_INTERVAL.toMillis(), id -> heartbeat());
                }
                promise.complete();
            });
        }));
    }

    public Future<Void> stop() {
        if (context == null) {
            return Future.succeededFuture();
        }
        return Future.<Void>future(promise -> context.runOnContext(ignored -> {
            stopped = true;
            vertx.cancelTimer(heartbeatTimer);
            vertx.cancelTimer(reconnectTimer);
            Future<Void> closing = socket == null ? Future.succeededFuture() : socket.close();
            Future<Void> writing = lkgWriting == null ? Future.succeededFuture() : lkgWriting;
            closing.transform(done -> client.close()).transform(done -> writing).onComplete(done -> promise.complete());
        }));
    }

    private Future<Void> loadLastKnownGood() {
        if (lastKnownGood == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(lastKnownGood::loadIndexed, false).compose(stored -> {
            if (stored.isEmpty()) {
                LOG.info("no last-known-good snapshot at {}; not ready until the control plane answers", lastKnownGood.file());
                return Future.succeededFuture();
            }
            IndexedSnapshot snapshot = stored.get();
            if (!environment.equals(snapshot.environment())) {
                LOG.error("last-known-good snapshot refused: it is for environment {}, this gateway serves {}",
                        snapshot.environment(), environment);
                return Future.succeededFuture();
            }
            return onContext(applier.apply(snapshot.snapshot())).onSuccess(done -> {
                current = snapshot;
                status.applied(snapshot.version(), SyncStatus.Source.LAST_KNOWN_GOOD, snapshot.createdAt());
                LOG.info("snapshot {} version {} applied from last-known-good {} (published {})", environment, snapshot.version(),
                        lastKnownGood.file(), snapshot.createdAt());
            });
        }).recover(error -> {
            LOG.error("last-known-good snapshot refused, starting empty and not ready until the control plane answers: {}",
                    error.getMessage());
            return Future.succeededFuture();
        });
    }

    private void connect() {
        if (stopped) {
            return;
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(settings.controlPlaneUrl().toString())
                .addHeader("Authorization", "Bearer " + settings.credential());
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                Throwable error = result.cause();
                if (error instanceof UpgradeRejectedException rejected && (rejected.getStatus() == 401 || rejected.getStatus() == 403)) {
                    LOG.error("control plane refused this gateway's credential (HTTP {}); check BULWARK_GW_CREDENTIAL", rejected.getStatus());
                } else {
                    LOG.warn("control plane {} unreachable: {}", settings.controlPlaneUrl(), error.toString());
                }
                scheduleReconnect();
                return;
            }
            opened(result.result());
        });
    }

    private void opened(WebSocket opened) {
        if (stopped) {
            opened.close();
            return;
        }
        socket = opened;
        lastHeardAt = System.nanoTime();
        status.connected(true);
        LOG.info("connected to control plane {} as {}", settings.controlPlaneUrl(), dataPlaneId);
        opened.textMessageHandler(text -> {
            lastHeardAt = System.nanoTime();
            // A full snapshot can be tens of megabytes: parse it on a worker so the event loop keeps
            // serving traffic and heartbeats. Messages stay in order through the processing chain.
            processing = processing.transform(previous -> parse(text).transform(parsed -> {
                if (parsed.failed()) {
                    LOG.warn("unreadable message from the control plane, reconnecting: {}", parsed.cause().getMessage());
                    opened.close();
                    return Future.succeededFuture();
                }
                if (greeted != opened) {
                    // The control plane's first message shows its side of the upgrade is complete (a frame
                    // sent earlier could be lost in the switch); only then say which version we have.
                    greeted = opened;
                    hello(opened, current == null ? null : current.contentHash());
                } else {
                    // A message after the hello: the control plane accepted this gateway.
                    backoff.reset();
                    accepted = opened;
                }
                return process(opened, parsed.result());
            }));
        });
        opened.exceptionHandler(error -> LOG.debug("sync connection error: {}", error.toString()));
        opened.closeHandler(ignored -> {
            if (socket == opened && !stopped) {
                socket = null;
                status.connected(false);
                LOG.warn("sync connection closed ({} {}); reconnecting", opened.closeStatusCode(), opened.closeReason());
                scheduleReconnect();
            }
        });
    }

    private Future<SyncMessage> parse(String text) {
        if (text.length() < INLINE_PARSE_LIMIT) {
            try {
                return Future.succeededFuture(SyncJson.read(text));
            } catch (IOException e) {
                return Future.failedFuture(e);
            }
        }
        return vertx.executeBlocking(() -> SyncJson.read(text), false);
    }

    private void hello(WebSocket to, String appliedHash) {
        send(to, new Hello(dataPlaneId, environment, current == null ? 0 : current.version(), appliedHash, softwareVersion,
                publicUrl));
    }

    private Future<Void> process(WebSocket from, SyncMessage message) {
        if (from != socket) {
            return Future.succeededFuture();
        }
        return switch (message) {
            case SnapshotFull full -> {
                status.received(true);
                yield full(from, full.snapshot());
            }
            case SnapshotDelta delta -> {
                status.received(false);
                yield delta(from, delta);
            }
            case Heartbeat heartbeat -> {
                catchUpIfBehind(from, heartbeat.version());
                yield Future.succeededFuture();
            }
            default -> {
                LOG.warn("unexpected {} from the control plane ignored", message.getClass().getSimpleName());
                yield Future.succeededFuture();
            }
        };
    }

    /**
     * Messages are processed in order, so a heartbeat announcing a version newer than the one in
     * force, once everything sent before it is applied, means that version never arrived (lost on
     * the way, or not yet rebuildable on that replica): ask again now rather than wait for the next
     * publication. Only on an accepted connection (the first message is answered by the hello
     * itself), and never for a version this gateway refused.
     */
    private void catchUpIfBehind(WebSocket from, long announced) {
        long inForce = current == null ? 0 : current.version();
        if (from == accepted && announced > inForce && announced != refusedVersion) {
            LOG.info("control plane announces {} version {}, version {} in force: asking to be brought up to date", environment,
                    announced, inForce);
            hello(from, current == null ? null : current.contentHash());
        }
    }

    private Future<Void> full(WebSocket from, Snapshot snapshot) {
        // Indexing hashes every entry once (on a worker): the price of a full snapshot, not of a delta.
        long started = System.nanoTime();
        return vertx.executeBlocking(() -> indexed(snapshot), false).compose(indexed -> {
            boolean verified = indexed != null && SnapshotHash.matches(snapshot.contentHash(), indexed.contentHash());
            if (!verified || !environment.equals(snapshot.environment())) {
                String reason = verified ? "snapshot is for environment " + snapshot.environment() : "content hash mismatch";
                LOG.warn("snapshot version {} refused: {}", snapshot.version(), reason);
                refusedVersion = snapshot.version();
                send(from, new Nack(snapshot.version(), reason));
                return Future.succeededFuture();
            }
            if (current != null && current.version() == snapshot.version() && current.contentHash().equals(indexed.contentHash())) {
                // Already in force (typically from last-known-good): confirm it rather than apply it twice.
                markFromControlPlane(current);
                send(from, new Ack(snapshot.version(), snapshot.contentHash()));
                return Future.succeededFuture();
            }
            return applyAndAck(from, indexed, "full snapshot, indexed and verified in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        });
    }

    private static IndexedSnapshot indexed(Snapshot snapshot) {
        try {
            return IndexedSnapshot.of(snapshot);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Future<Void> delta(WebSocket from, SnapshotDelta delta) {
        if (current == null || current.version() != delta.fromVersion() || !current.contentHash().equals(delta.fromHash())) {
            LOG.info("delta {}→{} does not start at version {} in force; asking for a resync", delta.fromVersion(), delta.toVersion(),
                    current == null ? 0 : current.version());
            hello(from, current == null ? null : current.contentHash());
            return Future.succeededFuture();
        }
        IndexedSnapshot base = current;
        long started = System.nanoTime();
        return vertx.executeBlocking(() -> SnapshotDiff.apply(base, delta), false)
                .compose(next -> applyAndAck(from, next, "delta of " + delta.changes().size() + " change(s), replayed and verified in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms"), error -> {
                    LOG.warn("delta {}→{} could not be replayed ({}); asking for a full snapshot", delta.fromVersion(), delta.toVersion(),
                            error.getMessage());
                    hello(from, null);
                    return Future.succeededFuture();
                });
    }

    private Future<Void> applyAndAck(WebSocket from, IndexedSnapshot next, String what) {
        Snapshot snapshot = next.snapshot();
        return onContext(applier.apply(snapshot)).compose(applied -> {
            current = next;
            markFromControlPlane(next);
            Instant now = Instant.now();
            LOG.info("snapshot {} version {} applied from control plane ({}) at {}, published {}, propagation {} ms", environment,
                    snapshot.version(), what, now, snapshot.createdAt(),
                    snapshot.createdAt() == null ? -1 : Duration.between(snapshot.createdAt(), now).toMillis());
            send(from, new Ack(snapshot.version(), snapshot.contentHash()));
            storeLastKnownGood(next);
            return Future.<Void>succeededFuture();
        }, error -> {
            LOG.warn("snapshot version {} refused, the version in force keeps serving: {}", snapshot.version(), error.getMessage());
            refusedVersion = snapshot.version();
            send(from, new Nack(snapshot.version(), error.getMessage() == null ? error.toString() : error.getMessage()));
            return Future.succeededFuture();
        });
    }

    /** The applier may complete on any thread; continue on this client's context, which owns the state. */
    private <T> Future<T> onContext(Future<T> future) {
        return Future.fromCompletionStage(future.toCompletionStage(), context);
    }

    private void markFromControlPlane(IndexedSnapshot snapshot) {
        status.applied(snapshot.version(), SyncStatus.Source.CONTROL_PLANE, snapshot.createdAt());
    }

    /**
     * Writing 100,000 keys takes seconds: never let it hold up the next version. Latest wins; the
     * write itself stays atomic and fsync'ed ({@link LastKnownGood#store}).
     */
    private void storeLastKnownGood(IndexedSnapshot snapshot) {
        if (lastKnownGood == null) {
            return;
        }
        lkgWaiting = snapshot;
        if (lkgWriting == null) {
            writeWaitingLastKnownGood();
        }
    }

    private void writeWaitingLastKnownGood() {
        IndexedSnapshot next = lkgWaiting;
        lkgWaiting = null;
        if (next == null) {
            lkgWriting = null;
            return;
        }
        Future<Void> write = vertx.<Void>executeBlocking(() -> {
            lastKnownGood.store(next.snapshot());
            return null;
        }, false).recover(error -> {
            LOG.error("last-known-good snapshot could not be written to {}: {}", lastKnownGood.file(), error.toString());
            return Future.succeededFuture();
        });
        lkgWriting = onContext(write).onComplete(done -> writeWaitingLastKnownGood());
    }

    private void heartbeat() {
        WebSocket open = socket;
        if (open == null) {
            return;
        }
        if (System.nanoTime() - lastHeardAt > SyncLimits.SILENCE_TIMEOUT.toNanos()) {
            LOG.warn("control plane silent for {} s; reconnecting", SyncLimits.SILENCE_TIMEOUT.toSeconds());
            open.close();
            return;
        }
        if (accepted == open) {
            send(open, new Heartbeat(Instant.now(), current == null ? 0 : current.version(), breakers.get()));
        }
    }

    private void send(WebSocket to, SyncMessage message) {
        if (!to.isClosed()) {
            to.writeTextMessage(SyncJson.write(message)).onFailure(error -> LOG.debug("sync send failed: {}", error.toString()));
        }
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        reconnectTimer = vertx.setTimer(Math.max(1, delay), id -> connect());
    }
}
