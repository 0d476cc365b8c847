package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.observability.AccessLog;
import dev.bulwark.dataplane.pipeline.RequestChecks;
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

    public ProxyVerticle(ProxyServices services, HttpServerOptions serverOptions, HttpClientOptions clientOptions, PoolOptions poolOptions) {
        this.services = services;
        this.serverOptions = serverOptions;
        this.clientOptions = clientOptions;
        this.poolOptions = poolOptions;
        // Fixed per server: asking each request (HttpServerRequest.isSSL) walks the channel pipeline.
        this.tls = serverOptions.isSsl();
    }

    @Override
    public Future<?> start() {
        client = vertx.createHttpClient(new HttpClientOptions(clientOptions), new PoolOptions(poolOptions));
        server = vertx.createHttpServer(new HttpServerOptions(serverOptions));
        return server.requestHandler(this::handle).listen();
    }

    /** Stops accepting, lets requests in flight finish up to {@code grace}, then closes. */
    public Future<Void> shutdown(Duration grace) {
        return server.shutdown(grace).eventually(() -> client.shutdown(Duration.ofSeconds(1)));
    }

    @Override
    public Future<?> stop() {
        return server.close().eventually(() -> client.close());
    }

    private void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        String requestId = RequestChecks.requestId(request.getHeader("x-request-id"));
        if (request.version() != HttpVersion.HTTP_2 && (RequestChecks.ambiguousFraming(request.headers())
                || RequestChecks.malformedTargetOrHost(request.uri(), request.headers()))) {
            services.events().security(new SecurityEvent(requestId, Instant.now(), services.environment(),
                    SecurityEventType.POLICY_BLOCKED, "REQUEST_AMBIGUOUS", null, null, null, clientIp(request),
                    request.method().name(), request.path(), null));
            refuse(request, start, 400, "REQUEST_AMBIGUOUS", "The request's framing is ambiguous", requestId, true);
            return;
        }
        CompiledSnapshot snapshot = services.snapshots().current();
        if (snapshot == null) {
            refuse(request, start, 503, "NO_CONFIGURATION", "The gateway has no configuration yet", requestId, false);
            return;
        }
        String path = request.path();
        if (path == null || RequestChecks.invalidPath(path)) {
            refuse(request, start, 400, "REQUEST_PATH_INVALID", "The request path is not in normal form", requestId, false);
            return;
        }
        String host = request.authority() == null ? null : request.authority().host();
        RouteMatch match = snapshot.router().match(host, request.method().name(), path);
        if (match == null) {
            refuse(request, start, 404, "ROUTE_NOT_FOUND", "No API is published at this path", requestId, false);
            return;
        }
        if (match.methodNotAllowed()) {
            match = Preflights.route(snapshot.router(), host, path, request);
            if (match == null) {
                refuse(request, start, 405, "METHOD_NOT_ALLOWED", "The API does not allow this method on this path", requestId, false);
                return;
            }
        }
        request.pause();
        String traceparent = TraceContext.next(request.getHeader("traceparent"));
        RequestContext context = new RequestContext(request, snapshot, match, requestId, clientIp(request), start);
        new Exchange(services, client, request, context, traceparent, tls).start();
    }

    private void refuse(HttpServerRequest request, long start, int status, String key, String detail, String requestId, boolean close) {
        services.metrics().rejection(key);
        long nanos = System.nanoTime() - start;
        services.metrics().request(null, request.method().name(), status, nanos);
        HttpServerResponse response = request.response();
        securityHeaders(tls, response, requestId);
        if (close) {
            response.putHeader("connection", "close");
            response.endHandler(done -> request.connection().close());
        }
        Problems.write(response, status, key, detail, requestId);
        if (AccessLog.enabled()) {
            AccessLog.Entry entry = new AccessLog.Entry();
            entry.epochMillis = System.currentTimeMillis();
            entry.requestId = requestId;
            entry.method = request.method().name();
            entry.path = request.path();
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
