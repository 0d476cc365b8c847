package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.observability.AccessLog;
import dev.bulwark.dataplane.pipeline.PathNormalizer;
import dev.bulwark.dataplane.pipeline.RequestChecks;
import dev.bulwark.dataplane.config.EdgeSettings;
import dev.bulwark.dataplane.proxy.edge.AmbiguousRequestException;
import dev.bulwark.dataplane.proxy.edge.EdgeConnection;
import dev.bulwark.dataplane.proxy.edge.EdgeConnections;
import dev.bulwark.dataplane.proxy.edge.StrictDecoders;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.Http1ServerConfig;
import dev.bulwark.dataplane.pipeline.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Accepts tenant traffic. One instance per event loop; all share the listening port, and each has
 * its own upstream client so that upstream connections live on the same event loop as the
 * requests that use them.
 */
public final class ProxyVerticle extends VerticleBase {
    private final ProxyServices services;
    private final HttpServerOptions serverOptions;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    private HttpServer server;
    private HttpClient client;
    private final boolean tls;
    private final Http1ServerConfig decoderConfig;
    private final boolean strictHttp1;
    private EdgeConnections connections;
    private ClientBody.Floor floor;
    private ReadDeadlines deadlines;

    public ProxyVerticle(ProxyServices services, HttpServerOptions serverOptions, HttpClientOptions clientOptions, PoolOptions poolOptions) {
        this.services = services;
        this.serverOptions = serverOptions;
        this.clientOptions = clientOptions;
        this.poolOptions = poolOptions;
        // Fixed per server: asking each request (HttpServerRequest.isSSL) walks the channel pipeline.
        this.tls = serverOptions.isSsl();
        this.decoderConfig = StrictDecoders.config(serverOptions);
        // With h2c on a plain-text port, Vert.x calls the connection handler only once the first
        // request has been decoded (it looks for an h2c upgrade first): too late to swap decoders.
        this.strictHttp1 = tls || !serverOptions.isHttp2ClearTextEnabled();
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(new HttpClientOptions(clientOptions), new PoolOptions(poolOptions));
        server = vertx.createHttpServer(new HttpServerOptions(serverOptions));
        EdgeSettings edge = services.edge();
        connections = new EdgeConnections(vertx, edge, services.connections(), services.metrics(), decoderConfig, strictHttp1);
        connections.start();
        floor = new ClientBody.Floor(vertx, edge.bodyMinBytesPerSecond(), edge.bodyRateWindow().toMillis());
        deadlines = new ReadDeadlines(vertx);
        deadlines.start();
        // Vert.x calls the connection handler while it sets a connection up, before its first request
        // byte is decoded: caps, the strict HTTP/1 decoder and the timeouts are in place from the start.
        return server.connectionHandler(connections::accept).invalidRequestHandler(this::invalid).requestHandler(this::handle)
                .listen();
    }

    /**
     * A request head the decoder refused (ambiguous framing, a malformed request line or header, a
     * head over the size limits). Nothing after it on the connection is read: 400 (414, 431) and close.
     */
    private void invalid(HttpServerRequest request) {
        long start = System.nanoTime();
        String requestId = TraceContext.randomId();
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            refuse(request, null, start, 414, "URI_TOO_LONG", "The request line is too long", requestId, true);
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuse(request, null, start, 431, "HEADERS_TOO_LARGE", "The request headers are too large", requestId, true);
        } else if (cause instanceof AmbiguousRequestException) {
            ambiguous(request, null, start, requestId);
        } else {
            refuse(request, null, start, 400, "REQUEST_MALFORMED", "The request could not be parsed", requestId, true);
        }
    }

    private void ambiguous(HttpServerRequest request, String path, long start, String requestId) {
        services.events().security(new SecurityEvent(requestId, Instant.now(), services.environment(),
                SecurityEventType.POLICY_BLOCKED, "REQUEST_AMBIGUOUS", null, null, null, clientIp(request),
                path == null ? null : request.method().name(), path, null));
        // HTTP/2 frames each request itself: refusing one stream leaves the connection's others alone
        refuse(request, path, start, 400, "REQUEST_AMBIGUOUS", "The request's framing is ambiguous", requestId,
                request.version() != HttpVersion.HTTP_2);
    }

    /** Stops accepting, lets requests in flight finish up to {@code grace}, then closes. */
    public Future<Void> shutdown(Duration grace) {
        return server.shutdown(grace).eventually(() -> client.shutdown(Duration.ofSeconds(1)));
    }

    @Override
    public Future<?> stop() {
        connections.stop();
        deadlines.stop();
        return server.close().eventually(() -> client.close());
    }

    private void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        EdgeConnection edge = connections.of(request);
        if (edge != null) {
            if (edge.closing()) {
                request.connection().close(); // pipelined behind a refused request: never served
                return;
            }
            edge.requestStarted(); // in flight until answered (idle timeout): Exchange.finish or refuse
        }
        String requestId = RequestChecks.requestId(request.getHeader("x-request-id"));
        if ((request.version() != HttpVersion.HTTP_2 && (RequestChecks.ambiguousFraming(request.headers())
                || RequestChecks.malformedTargetOrHost(request.uri(), request.headers())))
                || RequestChecks.ambiguousHeaderNames(request.headers())) {
            ambiguous(request, request.path(), start, requestId);
            return;
        }
        CompiledSnapshot snapshot = services.snapshots().current();
        if (snapshot == null) {
            refuse(request, request.path(), start, 503, "NO_CONFIGURATION", "The gateway has no configuration yet", requestId, false);
            return;
        }
        // normalised once: the path routed is the path forwarded (PathNormalizer)
        String path = request.path() == null ? null : PathNormalizer.normalize(request.path());
        if (path == null) {
            refuse(request, request.path(), start, 400, "REQUEST_PATH_INVALID", "The request path is not in normal form", requestId,
                    false);
            return;
        }
        String host = request.authority() == null ? null : request.authority().host();
        RouteMatch match = snapshot.router().match(host, request.method().name(), path);
        if (match == null) {
            refuse(request, path, start, 404, "ROUTE_NOT_FOUND", "No API is published at this path", requestId, false);
            return;
        }
        if (match.refused()) {
            RouteMatch.Refusal refusal = match.refusal();
            match = refusal.status() == 405 ? Preflights.route(snapshot.router(), host, path, request) : null;
            if (match == null) {
                ExchangeRecords.refused(services, refusal, request.method().name(), path, clientIp(request));
                if (refusal.status() == 405) {
                    refuse(request, path, start, 405, "METHOD_NOT_ALLOWED", "The API does not allow this method on this path", requestId,
                            false);
                } else {
                    refuse(request, path, start, 404, "ROUTE_NOT_FOUND", "No API is published at this path", requestId, false);
                }
                return;
            }
        }
        request.pause();
        String traceparent = TraceContext.next(request.getHeader("traceparent"));
        RequestContext context = new RequestContext(request, snapshot, match, requestId, clientIp(request), start);
        new Exchange(services, client, request, context, traceparent, tls, floor, deadlines, edge).start();
    }

    /** @param path the request's path for the access log; null when the request head could not be parsed */
    private void refuse(HttpServerRequest request, String path, long start, int status, String key, String detail, String requestId,
                        boolean close) {
        services.metrics().rejection(key);
        long nanos = System.nanoTime() - start;
        services.metrics().request(null, path == null ? "OTHER" : request.method().name(), status, nanos);
        HttpServerResponse response = request.response();
        securityHeaders(tls, response, requestId);
        if (close) {
            EdgeConnection closing = connections.of(request);
            if (closing != null) {
                closing.closeAfterResponse();
            }
            response.putHeader("connection", "close");
            response.endHandler(done -> request.connection().close());
        }
        Problems.write(response, status, key, detail, requestId);
        EdgeConnection edge = connections.of(request);
        if (edge != null) {
            edge.handle(null); // answered: no longer in flight
        }
        if (AccessLog.enabled()) {
            AccessLog.Entry entry = new AccessLog.Entry();
            entry.epochMillis = System.currentTimeMillis();
            entry.requestId = requestId;
            entry.method = path == null ? null : request.method().name();
            entry.path = path;
            entry.status = status;
            entry.durationMs = nanos / 1e6;
            entry.bytesIn = request.bytesRead();
            entry.bytesOut = response.bytesWritten();
            entry.clientIp = clientIp(request);
            entry.errorKey = key;
            entry.write();
        }
    }

    private static String clientIp(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    static void securityHeaders(boolean tls, HttpServerResponse response, String requestId) {
        response.putHeader("x-content-type-options", "nosniff");
        response.putHeader("x-request-id", requestId);
        if (tls) {
            response.putHeader("strict-transport-security", "max-age=31536000");
        }
    }
}
