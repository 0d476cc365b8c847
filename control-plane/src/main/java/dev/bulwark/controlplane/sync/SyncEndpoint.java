package dev.bulwark.controlplane.sync;

import dev.bulwark.contracts.sync.SyncLimits;
import dev.bulwark.contracts.sync.SyncMessage;
import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import dev.bulwark.controlplane.snapshot.SyncJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket data planes connect out to. The upgrade request was authenticated by
 * {@link SyncAuthenticationFilter}, which refuses a bad credential with 401 before any upgrade.
 */
@ServerWebSocket(SyncLimits.PATH)
public class SyncEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SyncEndpoint.class);
    /** Data planes send only small messages (hello, ack, nack, heartbeat). */
    private static final int MAX_INBOUND_BYTES = 64 * 1024;

    private final SyncHub hub;
    private final SyncJson json;

    SyncEndpoint(SyncHub hub, SyncJson json) {
        this.hub = hub;
        this.json = json;
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        DataPlaneCredentials.Holder holder = request.getAttribute(SyncAuthenticationFilter.HOLDER, DataPlaneCredentials.Holder.class)
                .orElse(null);
        if (holder == null) {
            // Unreachable while the filter is in place; deny by default if it ever is not.
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        hub.opened(new SyncConnection(session, holder));
    }

    @OnMessage(maxPayloadLength = MAX_INBOUND_BYTES)
    public void onMessage(String text, WebSocketSession session) {
        SyncMessage message;
        try {
            message = json.read(text);
        } catch (IOException e) {
            LOG.warn("unreadable sync message closes the connection: {}", e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
            session.close(new CloseReason(CloseReason.UNSUPPORTED_DATA.getCode(), "unreadable message"));
            return;
        }
        hub.received(session.getId(), message);
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        hub.closed(session.getId());
    }
}
