package dev.bulwark.dataplane.proxy;

import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.impl.ConnectionBase;
import java.io.IOException;

/** How a client broke its request: went away (nothing to answer) or sent something unreadable (400). */
final class ClientFailures {
    /** Access-log status of a request whose client left before the response (nginx's convention). */
    static final int CLIENT_CLOSED = 499;
    /** What the exchange hears when the client's connection or stream closes under it. */
    static final HttpClosedException CLOSED = new HttpClosedException("the client closed the connection or stream");

    private ClientFailures() {
    }

    /**
     * Whether the client's side is gone. Vert.x marks the response closed only once its close event
     * has run, after a write to the dead socket already failed; the channel knows at once.
     */
    static boolean clientGone(HttpServerRequest request) {
        return request.response().closed()
                || request.connection() instanceof ConnectionBase connection && !connection.channel().isActive();
    }

    /** A reset stream or a closed connection, as opposed to a malformed body. */
    static boolean isDisconnect(Throwable cause) {
        // a closed channel or "connection reset by peer" are IOExceptions; a malformed chunk is not
        return cause instanceof HttpClosedException || cause instanceof StreamResetException || cause instanceof IOException;
    }
}
