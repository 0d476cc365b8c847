package dev.bulwark.dataplane.sync;

import dev.bulwark.contracts.sync.Heartbeat;
import dev.bulwark.contracts.sync.Hello;
import dev.bulwark.contracts.sync.SyncMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A control plane whose every message a test writes by hand, on a real WebSocket, recording what
 * the gateway's real sync client sends back. It speaks first, as the real one does.
 */
final class ScriptedControlPlane {
    final List<SyncMessage> received = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final HttpServer server;
    private volatile ServerWebSocket socket;

    private ScriptedControlPlane(Vertx vertx, long announcedFirst) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().webSocketHandler(ws -> {
            socket = ws;
            ws.textMessageHandler(text -> {
                try {
                    received.add(SyncJson.read(text));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ws.writeTextMessage(SyncJson.write(new Heartbeat(Instant.now(), announcedFirst)));
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    /** Listens on a free loopback port; the first frame of each connection is a heartbeat announcing {@code announcedFirst}. */
    static ScriptedControlPlane start(Vertx vertx, long announcedFirst) throws Exception {
        return new ScriptedControlPlane(vertx, announcedFirst);
    }

    /** The gateway's real sync client for {@code production}, pointed at this control plane, started. */
    DataPlaneSync connect(String dataPlaneId, SnapshotSink applier) throws Exception {
        DataPlaneSync sync = DataPlaneSync.create(vertx, new SyncSettings(URI.create("ws://127.0.0.1:" + server.actualPort() + "/sync/v1"),
                "bwdp_x", Path.of("unused"), null), dataPlaneId, "production", applier, new SimpleMeterRegistry());
        sync.start().await(10, TimeUnit.SECONDS);
        return sync;
    }

    void send(SyncMessage message) {
        socket.writeTextMessage(SyncJson.write(message));
    }

    List<Hello> hellos() {
        return received.stream().filter(Hello.class::isInstance).map(Hello.class::cast).toList();
    }
}
