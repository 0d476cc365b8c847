package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

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
    private String clientIp;
    private final long startNanos;
    private Consumer consumer;
    private ResponseHeaders responseHeaders;
    private long maxBodyBytes = -1;
    private String upstreamQuery;
    private List<Finding> findings;

    /** A finding a policy reported without refusing the request (report mode); recorded when the request ends. */
    public record Finding(SecurityEventType type, String key, ThreatMatch threat) {
    }

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

    /** Set by the IP filter once X-Forwarded-For has been resolved against its trusted proxies. */
    public void refineClientIp(String clientIp) {
        this.clientIp = clientIp;
    }

    /**
     * Largest body the proxy may forward, or -1 for no bound. Set by the request-limits policy; the
     * proxy counts streamed (chunked) bodies against it and answers 413 REQUEST_TOO_LARGE (see
     * {@code policy.limits.BodyLimit}).
     */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public void limitBody(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The query string to forward upstream when a policy rewrote it (credential stripped), else null. */
    public String upstreamQuery() {
        return upstreamQuery;
    }

    public void rewriteUpstreamQuery(String query) {
        this.upstreamQuery = query;
    }

    /** Records a security event for this request without refusing it (a policy in report mode). */
    public void report(SecurityEventType type, String key, ThreatMatch threat) {
        if (findings == null) {
            findings = new ArrayList<>(2);
        }
        findings.add(new Finding(type, key, threat));
    }

    /** What policies reported so far; empty when nothing was. */
    public List<Finding> findings() {
        return findings == null ? List.of() : findings;
    }
}
