package dev.bulwark.dataplane.pipeline;

import dev.bulwark.dataplane.snapshot.CompiledSnapshot;
import dev.bulwark.dataplane.snapshot.RouteMatch;
import io.vertx.core.http.HttpServerRequest;

/**
 * Per-request state shared by the policies of one request. Created once per request, touched only
 * on the request's event loop, so it is deliberately mutable and unsynchronised.
 * The snapshot is pinned at the start: a request sees one snapshot from start to end.
 */
public final class RequestContext {
    private final HttpServerRequest request;
    private final CompiledSnapshot snapshot;
    private final RouteMatch route;
    private final String requestId;
    private final String clientIp;
    private final long startNanos;
    private Consumer consumer;
    private ResponseHeaders responseHeaders;
    private boolean queryRewritten;
    private String upstreamQuery;

    public RequestContext(HttpServerRequest request, CompiledSnapshot snapshot, RouteMatch route,
                          String requestId, String clientIp, long startNanos) {
        this.request = request;
        this.snapshot = snapshot;
        this.route = route;
        this.requestId = requestId;
        this.clientIp = clientIp;
        this.startNanos = startNanos;
    }

    public HttpServerRequest request() {
        return request;
    }

    public CompiledSnapshot snapshot() {
        return snapshot;
    }

    public RouteMatch route() {
        return route;
    }

    public String requestId() {
        return requestId;
    }

    /** The client address after trusted-proxy resolution (IP filter may refine it). */
    public String clientIp() {
        return clientIp;
    }

    public long startNanos() {
        return startNanos;
    }

    public Consumer consumer() {
        return consumer;
    }

    public void authenticate(Consumer consumer) {
        this.consumer = consumer;
    }

    /**
     * The query string sent upstream: the request's, unless a policy replaced it (e.g. to strip a
     * credential passed as a query parameter). Null means no query.
     */
    public String upstreamQuery() {
        return queryRewritten ? upstreamQuery : request.query();
    }

    /** Replaces the query string sent upstream; null or empty sends none. Headers are edited on {@code request().headers()}. */
    public void rewriteUpstreamQuery(String query) {
        this.queryRewritten = true;
        this.upstreamQuery = query == null || query.isEmpty() ? null : query;
    }

    /** Headers policies want on the response (RateLimit-*, CORS); allocated on first use. */
    public ResponseHeaders responseHeaders() {
        if (responseHeaders == null) {
            responseHeaders = new ResponseHeaders();
        }
        return responseHeaders;
    }

    public boolean hasResponseHeaders() {
        return responseHeaders != null && !responseHeaders.isEmpty();
    }
}
