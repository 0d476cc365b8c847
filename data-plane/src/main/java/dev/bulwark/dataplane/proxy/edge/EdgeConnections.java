package dev.bulwark.dataplane.proxy.edge;

import dev.bulwark.dataplane.config.EdgeSettings;
import dev.bulwark.dataplane.observability.GatewayMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http1ServerConfig;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connections of one proxy verticle (one event loop) and the limits that act on them: the caps
 * on open connections, the strict HTTP/1 decoder, the header timeout and the idle timeout (checked
 * by one periodic sweep per event loop rather than a timer per request), and the HTTP/2 SETTINGS
 * and PING flood limit. docs/gateway.md, "Defences and limits".
 */
public final class EdgeConnections {
    /** HTTP/2 ENHANCE_YOUR_CALM (RFC 9113 §7): the code for a peer that floods. */
    private static final long ENHANCE_YOUR_CALM = 0xb;
    private static final byte[] REQUEST_TIMEOUT = requestTimeout();

    private final Vertx vertx;
    private final EdgeSettings settings;
    private final ConnectionLimiter limiter;
    private final GatewayMetrics metrics;
    private final Http1ServerConfig decoderConfig;
    private final boolean strictHttp1;
    private final Map<HttpConnection, EdgeConnection> open = new IdentityHashMap<>();
    private final long headerTimeoutNanos;
    private final long idleTimeoutNanos;
    private long sweeper = -1;
    private long floodWindowStart;

    /** @param strictHttp1 whether HTTP/1 connections get the strict decoder (false when h2c is on, see ProxyVerticle) */
    public EdgeConnections(Vertx vertx, EdgeSettings settings, ConnectionLimiter limiter, GatewayMetrics metrics,
                           Http1ServerConfig decoderConfig, boolean strictHttp1) {
        this.vertx = vertx;
        this.settings = settings;
        this.limiter = limiter;
        this.metrics = metrics;
        this.decoderConfig = decoderConfig;
        this.strictHttp1 = strictHttp1;
        this.headerTimeoutNanos = settings.headerTimeout().toNanos();
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
    }

    /** Starts the sweep, on the verticle's event loop. */
    public void start() {
        long period = Math.min(settings.headerTimeout().toMillis(), settings.idleTimeout().toMillis()) / 4;
        floodWindowStart = System.nanoTime();
        sweeper = vertx.setPeriodic(Math.max(25, Math.min(1_000, period)), id -> sweep());
    }

    public void stop() {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
        }
    }

    /** A new connection: counted, made strict, watched; or closed at once when over a cap. */
    public void accept(HttpConnection connection) {
        String address = connection.remoteAddress() == null ? null : connection.remoteAddress().hostAddress();
        String refused = limiter.admit(address);
        if (refused != null) {
            metrics.connectionClosed(refused);
            connection.close();
            return;
        }
        EdgeConnection edge = new EdgeConnection(connection, address, System.nanoTime());
        open.put(connection, edge);
        connection.closeHandler(closed -> {
            if (open.remove(connection) != null) {
                limiter.release(address);
            }
        });
        if (strictHttp1 && !StrictDecoders.install(connection, decoderConfig, edge)) {
            connection.close();
            return;
        }
        if (connection.protocolVersion() == HttpVersion.HTTP_2) {
            connection.pingHandler(ping -> controlFrame(edge));
            connection.remoteSettingsHandler(remote -> controlFrame(edge));
        }
    }

    /** The connection's state, for request tracking; null for a connection this verticle did not accept. */
    public EdgeConnection of(HttpServerRequest request) {
        return open.get(request.connection());
    }

    private void controlFrame(EdgeConnection edge) {
        if (++edge.controlFrames > settings.http2MaxControlFrames() && !edge.closing) {
            edge.connection.goAway(ENHANCE_YOUR_CALM);
            close(edge, "http2_control_flood");
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        boolean newWindow = now - floodWindowStart >= settings.http2FloodWindow().toNanos();
        if (newWindow) {
            floodWindowStart = now;
        }
        List<EdgeConnection> expired = null;
        for (EdgeConnection edge : open.values()) {
            if (newWindow) {
                edge.controlFrames = 0;
            }
            if (edge.closing) {
                continue;
            }
            boolean headLate = edge.headStartedNanos != 0 && now - edge.headStartedNanos > headerTimeoutNanos;
            boolean idle = edge.inFlight == 0 && edge.idleSinceNanos != 0 && now - edge.idleSinceNanos > idleTimeoutNanos;
            if (headLate || idle) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(edge);
            }
        }
        if (expired != null) {
            for (EdgeConnection edge : expired) {
                if (edge.headStartedNanos != 0 && now - edge.headStartedNanos > headerTimeoutNanos) {
                    headerTimeout(edge);
                } else {
                    close(edge, "idle_timeout");
                }
            }
        }
    }

    /**
     * A request head that did not arrive in time: 408 when no response can be in progress on the
     * connection (written below the HTTP encoder, which has not started a message), then close.
     */
    private void headerTimeout(EdgeConnection edge) {
        metrics.rejection("REQUEST_HEADER_TIMEOUT");
        if (edge.inFlight == 0 && edge.decoderContext != null) {
            edge.closing = true;
            metrics.connectionClosed("header_timeout");
            edge.decoderContext.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            close(edge, "header_timeout");
        }
    }

    /** The 408 problem a late head gets, as raw bytes (no request exists to answer through Vert.x). */
    private static byte[] requestTimeout() {
        String body = "{\"type\":\"https://bulwark.dev/problems/request-header-timeout\",\"title\":\"Request timeout\","
                + "\"status\":408,\"key\":\"REQUEST_HEADER_TIMEOUT\",\"detail\":\"The request head arrived too slowly\"}";
        return ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    private void close(EdgeConnection edge, String reason) {
        edge.closing = true;
        metrics.connectionClosed(reason);
        edge.connection.close();
    }
}
