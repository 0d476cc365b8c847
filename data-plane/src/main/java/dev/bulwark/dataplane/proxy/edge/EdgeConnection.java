package dev.bulwark.dataplane.proxy.edge;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;

/**
 * What the edge knows about one client connection, on its event loop only: requests in flight
 * (for the idle timeout), when the current HTTP/1 request head began to arrive (for the header
 * timeout), and the HTTP/2 control frames of the current window. Tracking a request allocates
 * nothing: {@link #requestStarted} when the proxy gets it, {@link #handle} once it is answered.
 */
public final class EdgeConnection implements Handler<Void> {
    final HttpConnection connection;
    final String address;
    int inFlight;
    /** When the connection last had no request in flight; 0 while one is. */
    long idleSinceNanos;
    /** When the first byte of the HTTP/1 head being read arrived; 0 when none is being read. */
    long headStartedNanos;
    /** Whether any request head was read on this connection (a 408 is only safe before the first response). */
    boolean requestSeen;
    /** The strict decoder's place in the pipeline, for writing a 408 below the HTTP encoder. */
    ChannelHandlerContext decoderContext;
    int controlFrames;
    boolean closing;

    EdgeConnection(HttpConnection connection, String address, long now) {
        this.connection = connection;
        this.address = address;
        this.idleSinceNanos = now;
    }

    /** A request (HTTP/1) or stream (HTTP/2) was handed to the proxy. */
    public void requestStarted() {
        inFlight++;
        idleSinceNanos = 0;
    }

    /** A request was answered (or abandoned): exactly once per {@link #requestStarted}. */
    @Override
    public void handle(Void ended) {
        if (inFlight > 0 && --inFlight == 0) {
            idleSinceNanos = System.nanoTime();
        }
    }

    /**
     * The gateway refused a request and closes the connection after its response: requests the
     * client pipelined behind it must not be served (a front proxy may have framed them differently).
     */
    public void closeAfterResponse() {
        closing = true;
    }

    /** Whether the connection serves no further request. */
    public boolean closing() {
        return closing;
    }

    void headStarted(long now) {
        if (headStartedNanos == 0) {
            headStartedNanos = now;
        }
    }

    void headEnded() {
        headStartedNanos = 0;
        requestSeen = true;
    }
}
