package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.model.Violation;
import dev.bulwark.dataplane.event.SecurityEvents;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.UpstreamResponse;
import dev.bulwark.dataplane.pipeline.HeaderRules;
import dev.bulwark.dataplane.pipeline.QueryStrings;
import dev.bulwark.dataplane.policy.limits.BodyLimit;
import dev.bulwark.dataplane.upstream.ForbiddenAddressException;
import dev.bulwark.dataplane.upstream.Upstream;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request through the gateway, after routing: the policy chain, the upstream exchange with
 * retries, and the response. Lives on the request's event loop only; state is plain fields.
 */
final class Exchange implements PolicyChain.Outcome {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final ProxyServices services;
    private final HttpClient client;
    private final HttpServerRequest request;
    private final RequestContext context;
    private final CompiledRoute route;
    private final String upstreamPath;
    private final String traceparent;
    private final PolicyChain policies;
    private int attempts;
    private boolean bodyConsumed;
    private Upstream upstream;
    private long upstreamStart;
    private long upstreamNanos = -1;
    private String errorKey;
    private boolean finished;
    /** The gateway's listener terminates TLS (the same for every request it accepts). */
    private final boolean tls;

    Exchange(ProxyServices services, HttpClient client, HttpServerRequest request, RequestContext context, String traceparent,
             boolean tls) {
        this.services = services;
        this.client = client;
        this.request = request;
        this.context = context;
        this.route = context.route().route();
        this.upstreamPath = context.route().upstreamPath();
        this.traceparent = traceparent;
        this.tls = tls;
        this.policies = new PolicyChain(route.policies(), context, this);
    }

    void start() {
        policies.start();
    }

    // ---------------------------------------------------------------- policies

    @Override
    public void passed() {
        forward();
    }

    @Override
    public void refused(Throwable cause) {
        reject(cause);
    }

    @Override
    public void bodyUnreadable() {
        respondWithProblem(400, "REQUEST_BODY_INVALID", "The request body could not be read");
    }

    private void reject(Throwable cause) {
        if (cause instanceof PolicyFailure failure) {
            for (Map.Entry<String, String> header : failure.headers().entrySet()) {
                request.response().putHeader(header.getKey(), header.getValue());
            }
            SecurityEventType type = failure.eventType() != null ? failure.eventType()
                    : SecurityEvents.typeOf(failure.status(), failure.key());
            if (type != null) {
                securityEvent(type, failure.key(), failure.threat());
            }
            respondWithProblem(failure.status(), failure.key(), failure.getMessage(), failure.violations());
        } else {
            LOG.error("policy failed unexpectedly, requestId={}", context.requestId(), cause);
            respondWithProblem(500, "INTERNAL_ERROR", "The gateway could not process the request");
        }
    }

    // ---------------------------------------------------------------- upstream

    private void forward() {
        upstream = route.upstreams().choose();
        if (upstream == null) {
            respondWithProblem(503, "UPSTREAM_UNAVAILABLE", "The service is temporarily unavailable");
            return;
        }
        attempts++;
        Future<SocketAddress> address;
        try {
            address = services.resolver().upstream(upstream.origin(), route.upstreams().addresses(), route.api().apiId());
        } catch (RuntimeException e) {
            failedSynchronously(e);
            return;
        }
        address.onComplete(this::resolved);
    }

    /** The upstream's checked address: connect to exactly it, never to the name again. */
    private void resolved(AsyncResult<SocketAddress> address) {
        if (finished) {
            return;
        }
        if (address.failed()) {
            if (address.cause() instanceof ForbiddenAddressException) {
                upstream.breaker().onFailure();
                securityEvent(SecurityEventType.POLICY_BLOCKED, "UPSTREAM_ADDRESS_FORBIDDEN", null);
                respondWithProblem(502, "UPSTREAM_ADDRESS_FORBIDDEN", "The service could not be reached");
            } else {
                connected(Future.failedFuture(address.cause())); // a name that does not resolve: like a refused connection
            }
            return;
        }
        try {
            connect(address.result());
        } catch (RuntimeException e) {
            failedSynchronously(e);
        }
    }

    /**
     * Anything the proxy code throws while setting up the upstream request (a Vert.x argument check,
     * a bug) still answers the client: a request must never hang without a response.
     */
    private void failedSynchronously(RuntimeException e) {
        LOG.error("forwarding failed, requestId={}", context.requestId(), e);
        if (upstream != null) {
            upstream.breaker().onFailure();
        }
        if (request.response().headWritten()) {
            errorKey = "UPSTREAM_STREAM_FAILED";
            request.response().reset();
            finish(request.response().getStatusCode());
        } else {
            respondWithProblem(502, "UPSTREAM_CONNECT_FAILED", "The service could not be reached");
        }
    }

    private void connect(SocketAddress address) {
        TimeoutsConfig timeouts = route.upstreams().timeouts();
        // A policy may have rewritten the query (credential stripped); "" means no query at all.
        String query = context.upstreamQuery() != null ? (context.upstreamQuery().isEmpty() ? null : context.upstreamQuery())
                : request.query();
        // Plans authorise the routed method: a method override must not reach an upstream that honours it.
        query = QueryStrings.without(query, "_method");
        String prefix = upstream.origin().pathPrefix();
        String uri = prefix.isEmpty() ? upstreamPath : prefix + upstreamPath;
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setServer(address)
                .setHost(upstream.origin().host())
                .setPort(upstream.origin().port())
                .setSsl(upstream.origin().ssl())
                .setURI(query == null ? uri : uri + '?' + query)
                .setConnectTimeout(timeouts.connectTimeoutMillis())
                .setIdleTimeout(timeouts.readTimeoutMillis())
                .setHeaders(UpstreamRequests.headers(request, context, tls, traceparent));
        client.request(options).onComplete(this::connected);
    }

    private void connected(AsyncResult<HttpClientRequest> result) {
        try {
            onConnected(result);
        } catch (RuntimeException e) {
            failedSynchronously(e);
        }
    }

    private void onConnected(AsyncResult<HttpClientRequest> result) {
        if (finished) {
            if (result.succeeded()) {
                result.result().reset();
            }
            return;
        }
        if (result.failed()) {
            upstream.breaker().onFailure();
            if (UpstreamRequests.idempotent(request.method()) && attempts <= route.upstreams().timeouts().retries()) {
                forward();
            } else {
                upstreamFailed(result.cause());
            }
            return;
        }
        HttpClientRequest outgoing = result.result();
        if (PlatformEndpoints.refused(route.api().deniedEndpoints(), outgoing.connection().remoteAddress())) {
            outgoing.reset();
            respondWithProblem(502, "UPSTREAM_ADDRESS_REFUSED", "The service's address is one of the platform's own endpoints");
            return;
        }
        if (policies.body() != null) {
            outgoing.putHeader("content-length", Integer.toString(policies.body().length()));
        } else if (UpstreamRequests.hasBody(request) && !outgoing.headers().contains("content-length")) {
            outgoing.setChunked(true);
        }
        upstreamStart = System.nanoTime();
        outgoing.response().onComplete(this::responded);
        Buffer body = policies.body();
        if (body != null) {
            outgoing.end(body);
        } else if (bodyConsumed) {
            outgoing.end();
        } else {
            bodyConsumed = true;
            BodyLimit.of(request, context.maxBodyBytes()).pipeTo(outgoing).onFailure(error -> {
                if (error instanceof PolicyFailure tooLarge) {
                    // The streamed body outgrew the request-limits bound: answer 413 first (the reset
                    // below fails the upstream response, which must not turn it into a 502).
                    reject(tooLarge);
                }
                outgoing.reset();
            });
        }
    }

    private void responded(AsyncResult<HttpClientResponse> result) {
        if (finished) {
            return;
        }
        upstreamNanos = System.nanoTime() - upstreamStart;
        if (result.failed()) {
            upstream.breaker().onFailure();
            upstreamFailed(result.cause());
            return;
        }
        HttpClientResponse response = result.result();
        int status = response.statusCode();
        if (status == 502 || status == 503 || status == 504) {
            upstream.breaker().onFailure();
            if (status != 504 && UpstreamRequests.idempotent(request.method()) && !UpstreamRequests.hasBody(request)
                    && attempts <= route.upstreams().timeouts().retries()) {
                response.end();
                forward();
                return;
            }
        } else {
            upstream.breaker().onSuccess();
        }
        services.metrics().upstream(route.api().apiId(), upstreamNanos);
        relay(response);
    }

    private void upstreamFailed(Throwable cause) {
        if (UpstreamRequests.isTimeout(cause)) {
            respondWithProblem(504, "UPSTREAM_TIMEOUT", "The service did not answer in time");
        } else {
            respondWithProblem(502, "UPSTREAM_CONNECT_FAILED", "The service could not be reached");
        }
    }

    // ---------------------------------------------------------------- response

    private void relay(HttpClientResponse upstreamResponse) {
        int status = upstreamResponse.statusCode();
        long limit = status == 204 || status == 304 || request.method() == HttpMethod.HEAD ? ResponseBodies.NOT_BUFFERED
                : ResponseBodies.bufferLimit(route.policies(), context, status);
        if (limit != ResponseBodies.NOT_BUFFERED) {
            ResponseBodies.read(upstreamResponse, limit).onComplete(read -> {
                if (finished) {
                    return;
                }
                if (read.succeeded()) {
                    inspected(upstreamResponse, read.result());
                } else if (read.cause() instanceof PolicyFailure tooLarge) {
                    reject(tooLarge);
                } else {
                    upstreamFailed(read.cause());
                }
            });
            return;
        }
        HttpServerResponse response = request.response();
        response.setStatusCode(status);
        HeaderRules.copyResponseHeaders(upstreamResponse.headers(), response.headers());
        String contentLength = upstreamResponse.getHeader("content-length");
        if (contentLength != null) {
            response.putHeader("content-length", contentLength);
        } else if (request.version() != HttpVersion.HTTP_2 && status >= 200 && status != 204 && status != 304
                && request.method() != HttpMethod.HEAD) {
            response.setChunked(true);
        }
        finishHead(response);
        upstreamResponse.pipeTo(response).onComplete(done -> {
            if (done.failed()) {
                errorKey = "UPSTREAM_STREAM_FAILED";
                if (!response.ended()) {
                    response.reset();
                }
            }
            finish(status);
        });
    }

    /** The response-body phase: the hooks see (and may rewrite or refuse) the whole body before a byte is sent. */
    private void inspected(HttpClientResponse upstreamResponse, Buffer body) {
        HttpServerResponse response = request.response();
        int status = upstreamResponse.statusCode();
        HeaderRules.copyResponseHeaders(upstreamResponse.headers(), response.headers());
        ResponseBodies.inspect(route.policies(), context, new UpstreamResponse(status, response.headers()), body).onComplete(done -> {
            if (finished) {
                return;
            }
            if (done.failed()) {
                response.headers().clear();
                reject(done.cause());
                return;
            }
            response.setStatusCode(status);
            response.headers().remove("transfer-encoding");
            response.putHeader("content-length", Integer.toString(done.result().length()));
            finishHead(response);
            response.end(done.result()).onComplete(written -> finish(status));
        });
    }

    private void respondWithProblem(int status, String key, String detail) {
        respondWithProblem(status, key, detail, List.of());
    }

    private void respondWithProblem(int status, String key, String detail, List<Violation> violations) {
        errorKey = key;
        services.metrics().rejection(key);
        HttpServerResponse response = request.response();
        finishHead(response);
        Problems.write(response, status, key, detail, context.requestId(), ExchangeRecords.errors(violations));
        if (!request.isEnded()) {
            // the body was never read: drop it rather than leave it in the connection
            request.resume();
        }
        finish(status);
    }

    /** onResponse hooks in reverse order, then the headers policies asked for and the gateway's own. */
    private void finishHead(HttpServerResponse response) {
        List<Policy> chain = route.policies();
        for (int i = policies.reached() - 1; i >= 0; i--) {
            try {
                chain.get(i).onResponse(context);
            } catch (RuntimeException e) {
                LOG.error("onResponse of {} failed, requestId={}", chain.get(i).id(), context.requestId(), e);
            }
        }
        if (context.hasResponseHeaders()) {
            context.responseHeaders().applyTo(response.headers());
        }
        ProxyVerticle.securityHeaders(tls, response, context.requestId());
    }

    private void finish(int status) {
        if (finished) {
            return;
        }
        finished = true;
        policies.abandon();
        ExchangeRecords.finished(services, context, status, upstreamNanos, traceparent, errorKey);
    }

    private void securityEvent(SecurityEventType type, String key, ThreatMatch threat) {
        ExchangeRecords.securityEvent(services, context, type, key, threat);
    }
}
