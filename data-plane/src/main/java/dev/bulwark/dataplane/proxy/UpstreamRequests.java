package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.pipeline.HeaderRules;
import dev.bulwark.dataplane.pipeline.QueryStrings;
import dev.bulwark.dataplane.upstream.Origin;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/** What the upstream request is made of, and which failures may be retried: pure functions of the client's request. */
final class UpstreamRequests {
    static final String APPLICATION_HEADER = "x-bulwark-application-id";
    static final String SUBJECT_HEADER = "x-bulwark-subject";

    private UpstreamRequests() {
    }

    /**
     * The upstream request: to the checked {@code address}, with the origin's host for the Host header
     * and TLS name. Its headers are written straight into the request once it exists ({@link #copyHeaders}):
     * headers set here would be built in a map of their own and copied (and validated) a second time.
     * The protocol: HTTP/2 to h2c origins, HTTP/2 offered by ALPN to https origins when {@code http2}
     * (an upstream that answers http/1.1 gets HTTP/1.1), HTTP/1.1 otherwise.
     */
    static RequestOptions options(HttpServerRequest request, RequestContext context, Origin origin, String upstreamPath,
                                  TimeoutsConfig timeouts, SocketAddress address, boolean http2) {
        // A policy may have rewritten the query (credential stripped); "" means no query at all.
        String query = context.upstreamQuery() != null ? (context.upstreamQuery().isEmpty() ? null : context.upstreamQuery())
                : request.query();
        // Plans authorise the routed method: a method override must not reach an upstream that honours it.
        query = QueryStrings.without(query, "_method");
        String prefix = origin.pathPrefix();
        String uri = prefix.isEmpty() ? upstreamPath : prefix + upstreamPath;
        return new RequestOptions()
                .setMethod(request.method())
                .setServer(address)
                .setHost(origin.host())
                .setPort(origin.port())
                .setSsl(origin.ssl())
                .setProtocolVersion(protocol(origin, http2))
                .setURI(query == null ? uri : uri + '?' + query)
                .setConnectTimeout(timeouts.connectTimeoutMillis()); // the read timeout is ReadDeadlines'
    }

    /** Null lets ALPN choose between the client's versions (h2, then http/1.1); a version given is the only one tried. */
    private static HttpVersion protocol(Origin origin, boolean http2) {
        if (origin.h2c()) {
            return HttpVersion.HTTP_2;
        }
        return origin.ssl() && http2 ? null : HttpVersion.HTTP_1_1;
    }

    /** Writes the client's headers minus hop-by-hop and internal ones, plus forwarding, trace and request id, into {@code headers}. */
    static void copyHeaders(HttpServerRequest request, RequestContext context, boolean tls, String traceparent, MultiMap headers) {
        MultiMap incoming = request.headers();
        HeaderRules.copyRequestHeaders(incoming, headers);
        String remote = context.clientIp();
        String forwardedFor = incoming.get("x-forwarded-for");
        headers.set("x-forwarded-for", forwardedFor == null ? remote : forwardedFor + ", " + remote);
        headers.set("x-forwarded-proto", tls ? "https" : "http");
        String host = request.authority() == null ? null : request.authority().toString();
        if (host != null) {
            headers.set("x-forwarded-host", host);
        }
        headers.set("traceparent", traceparent);
        headers.set("x-request-id", context.requestId());
        identity(context.consumer(), headers);
        String contentLength = incoming.get("content-length");
        if (contentLength != null) {
            headers.set("content-length", contentLength);
        }
    }

    /**
     * Who the gateway authenticated, for the upstream's own authorisation (object ownership, BOLA):
     * the application and, for JWT callers, the subject. Clients cannot send these headers themselves
     * ({@code X-Bulwark-*} is stripped), so an upstream behind the gateway may trust them.
     */
    static void identity(Consumer consumer, MultiMap headers) {
        if (consumer == null) {
            return;
        }
        if (consumer.applicationId() != null) {
            headers.set(APPLICATION_HEADER, consumer.applicationId());
        }
        if (consumer.subject() != null && isPlainHeaderValue(consumer.subject())) {
            headers.set(SUBJECT_HEADER, consumer.subject());
        }
    }

    /** A JWT subject is the token issuer's text: only short visible ASCII is forwarded as a header. */
    private static boolean isPlainHeaderValue(String value) {
        if (value.isEmpty() || value.length() > 256) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    static boolean idempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.PUT || method == HttpMethod.DELETE;
    }

    /** Whether the client sends a body: bodies are streamed once and never replayed on retry. */
    static boolean hasBody(HttpServerRequest request) {
        MultiMap headers = request.headers();
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            return !contentLength.equals("0");
        }
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded() && request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD;
        }
        return headers.contains("transfer-encoding");
    }
}
