package dev.bulwark.controlplane.sync;

import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import io.micronaut.websocket.WebSocketSession;

/**
 * One data plane's WebSocket on this replica. Mutated only on the hub's thread, apart from
 * {@link #lastHeardAt}, which the network thread touches on every message.
 */
final class SyncConnection {
    final WebSocketSession session;
    final DataPlaneCredentials.Holder holder;
    volatile long lastHeardAt = System.nanoTime();
    String dataPlaneId;
    /** Version (and hash) last sent: the base of the next delta, assuming the data plane applies what it gets. */
    long sentVersion;
    String sentHash;
    /** Version (and hash) the data plane confirmed: where to restart from when it refuses one. */
    long ackedVersion;
    String ackedHash;

    SyncConnection(WebSocketSession session, DataPlaneCredentials.Holder holder) {
        this.session = session;
        this.holder = holder;
    }

    boolean greeted() {
        return dataPlaneId != null;
    }
}
