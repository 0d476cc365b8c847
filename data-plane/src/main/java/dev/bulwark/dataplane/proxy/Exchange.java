package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
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
import dev.bulwark.dataplane.proxy.edge.EdgeConnection;
import dev.bulwark.dataplane.proxy.edge.TransferCodingWriter;
import dev.bulwark.dataplane.upstream.ForbiddenAddressException;
import dev.bulwark.dataplane.upstream.Upstream;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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
final class Exchange implements PolicyChain.Outcome, Handler<Void> {
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
    /** The current attempt at an origin; {@code settled} once its breaker was told how it ended. */
    private Upstream.Attempt attempt;
    private boolean settled = true;
    private HttpClientRequest outgoing;
    /** The upstream exchange is over (answered, failed or reset): nothing left to abort. */
    private boolean upstreamDone = true;
    /** The whole request went upstream (a later timeout is the upstream's). */
    private boolean requestSent;
    /** The client broke its request or went away. */
    private boolean clientBroke;
    private long upstreamStart;
    private long upstreamNanos = -1;
    private String errorKey;
    private boolean finished;
    /** The gateway's listener terminates TLS (the same for every request it accepts). */
    private final boolean tls;
    private final ClientBody.Floor floor;
    /** The client connection's edge state; null when untracked. */
    private final EdgeConnection edge;

    Exchange(ProxyServices services, HttpClient client, HttpServerRequest request, RequestContext context, String traceparent,
             boolean tls, ClientBody.Floor floor, EdgeConnection edge) {
        this.services = services;
        this.client = client;
        this.request = request;
        this.context = context;
        this.route = context.route().route();
        this.upstreamPath = context.route().upstreamPath();
        this.traceparent = traceparent;
        this.tls = tls;
        this.floor = floor;
        this.edge = edge;
        this.policies = new PolicyChain(route.policies(), context, this, floor);
    }

    void start() {
        // From here on a client that breaks its request (bad chunk, reset stream, closed connection)
        // is heard at once, also while the request waits for policies or an upstream connection.
        request.exceptionHandler(this::clientFailed);
        request.response().closeHandler(this);
        policies.start();
    }

    // ---------------------------------------------------------------- policies

    @Override
    public void passed() {
        // the body phase, if any, listened for client errors itself: listen again
        request.exceptionHandler(this::clientFailed);
        forward();
    }

    @Override
    public void refused(Throwable cause) {
        reject(cause);
    }

    @Override
    public void bodyUnreadable(Throwable cause) {
        clientFailed(cause);
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

    // ---------------------------------------------------------------- client failures

    /**
     * The client broke its request: a malformed chunk, a reset stream, a closed connection. The
     * upstream request, if any, is reset so the upstream never sees a complete request; the attempt
     * says nothing about the upstream's health; the client gets a 400 if it can still hear one.
     */
    private void clientFailed(Throwable cause) {
        clientBroke = true;
        resetOutgoing();
        settle(Verdict.NEUTRAL);
        if (finished) {
            return;
        }
        boolean slow = cause instanceof ClientBody.TooSlow;
        boolean malformed = slow || !ClientFailures.isDisconnect(cause);
        HttpServerResponse response = request.response();
        if (malformed && !response.headWritten() && !response.closed()) {
            boolean http1 = request.version() != HttpVersion.HTTP_2;
            if (http1) {
                response.putHeader("connection", "close"); // the rest of the body is not worth reading
                if (edge != null) {
                    edge.closeAfterResponse();
                }
            }
            respondWithProblem(slow ? 408 : 400, slow ? "REQUEST_BODY_TIMEOUT" : "REQUEST_BODY_INVALID",
                    slow ? "The request body arrived too slowly" : "The request body could not be read")
                    .onComplete(written -> {
                        if (http1) {
                            request.connection().close();
                        }
                    });
            return;
        }
        errorKey = malformed ? "REQUEST_BODY_INVALID" : "CLIENT_CLOSED_REQUEST";
        int status = response.headWritten() ? response.getStatusCode() : ClientFailures.CLIENT_CLOSED;
        if (!response.closed() && !response.ended()) {
            response.reset();
        }
        finish(status);
    }

    /** The client's connection (HTTP/1) or stream (HTTP/2) closed before the response was complete. */
    @Override
    public void handle(Void closed) {
        if (!finished || (outgoing != null && !upstreamDone)) {
            clientFailed(ClientFailures.CLOSED);
        }
    }

    private void resetOutgoing() {
        if (outgoing != null && !upstreamDone) {
            upstreamDone = true;
            outgoing.reset();
        }
    }

    // ---------------------------------------------------------------- upstream

    private void forward() {
        attempt = route.upstreams().choose();
        settled = attempt == null;
        if (attempt == null) {
            respondWithProblem(503, "UPSTREAM_UNAVAILABLE", "The service is temporarily unavailable");
            return;
        }
        attempts++;
        requestSent = false;
        Future<SocketAddress> address;
        try {
            address = services.resolver().upstream(attempt.origin(), route.upstreams().addresses(), route.api().apiId());
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
                settle(Verdict.FAILED);
                securityEvent(SecurityEventType.POLICY_BLOCKED, "UPSTREAM_ADDRESS_FORBIDDEN", null);
                respondWithProblem(502, "UPSTREAM_ADDRESS_FORBIDDEN", "The service could not be reached");
            } else {
                connected(Future.failedFuture(address.cause())); // a name that does not resolve: like a refused connection
            }
            return;
        }
        try {
            client.request(UpstreamRequests.options(request, context, attempt.origin(), upstreamPath, route.upstreams().timeouts(),
                    address.result())).onComplete(this::connected);
        } catch (RuntimeException e) {
            failedSynchronously(e);
        }
    }

    /**
     * Anything the proxy code throws while setting up the upstream request (a Vert.x argument check,
     * a bug) still answers the client: a request must never hang without a response. A gateway bug
     * says nothing about the upstream.
     */
    private void failedSynchronously(RuntimeException e) {
        LOG.error("forwarding failed, requestId={}", context.requestId(), e);
        settle(Verdict.NEUTRAL);
        resetOutgoing();
        if (request.response().headWritten()) {
            errorKey = "UPSTREAM_STREAM_FAILED";
            request.response().reset();
            finish(request.response().getStatusCode());
        } else {
            respondWithProblem(502, "UPSTREAM_CONNECT_FAILED", "The service could not be reached");
        }
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
            settle(Verdict.FAILED);
            if (UpstreamRequests.idempotent(request.method()) && attempts <= route.upstreams().timeouts().retries()) {
                forward();
            } else {
                upstreamFailed(result.cause());
            }
            return;
        }
        outgoing = result.result();
        upstreamDone = false;
        outgoing.exceptionHandler(ignored -> { }); // failures arrive through the response future
        UpstreamRequests.copyHeaders(request, context, tls, traceparent, outgoing.headers());
        if (PlatformEndpoints.refused(route.api().deniedEndpoints(), outgoing.connection().remoteAddress())) {
            settle(Verdict.NEUTRAL);
            resetOutgoing();
            respondWithProblem(502, "UPSTREAM_ADDRESS_REFUSED", "The service's address is one of the platform's own endpoints");
            return;
        }
        Buffer buffered = policies.body();
        if (buffered != null) {
            outgoing.putHeader("content-length", Integer.toString(buffered.length()));
        } else if (UpstreamRequests.hasBody(request) && !outgoing.headers().contains("content-length")) {
            outgoing.setChunked(true);
            String codings = request.getHeader("transfer-encoding"); // canonical (StrictRequestDecoder)
            if (codings != null && !codings.equals("chunked")) {
                // the body is still gzip/deflate/...-coded: the upstream must be told (TransferCodingWriter)
                if (!TransferCodingWriter.install(outgoing.connection())) {
                    settle(Verdict.NEUTRAL);
                    resetOutgoing();
                    respondWithProblem(501, "TRANSFER_CODING_UNSUPPORTED", "The request's transfer coding cannot be forwarded");
                    return;
                }
                outgoing.putHeader(TransferCodingWriter.MARKER, codings);
            }
        }
        upstreamStart = System.nanoTime();
        outgoing.response().onComplete(this::responded);
        if (buffered != null) {
            outgoing.end(buffered).onSuccess(this::sent);
        } else if (bodyConsumed || !UpstreamRequests.hasBody(request)) {
            bodyConsumed = true;
            outgoing.end().onSuccess(this::sent); // no body: no chunked framing upstream either
        } else {
            bodyConsumed = true;
            ClientBody body = new ClientBody(BodyLimit.of(request, context.maxBodyBytes()), floor);
            // endOnFailure(false): a body the client breaks must never be completed upstream
            // (a terminating 0-chunk would turn a cut-off upload into a complete request).
            HttpClientRequest target = outgoing;
            // The head goes now, not with the first body bytes: an upstream may answer (401, 413, 100)
            // before the body, and a client that never sends its body must not hold the request back.
            target.sendHead();
            body.pipe().endOnFailure(false).to(target).onComplete(piped -> {
                if (piped.succeeded()) {
                    sent(null);
                } else if (body.failure() instanceof PolicyFailure tooLarge) {
                    // The streamed body outgrew the request-limits bound: answer 413 first (the reset
                    // below fails the upstream response, which must not turn it into a 502).
                    settle(Verdict.NEUTRAL);
                    reject(tooLarge);
                    resetOutgoing();
                } else if (body.failure() != null) {
                    clientFailed(body.failure());
                } else if (target == outgoing) {
                    resetOutgoing(); // the upstream stopped reading: its response (or reset) decides
                }
            });
        }
    }

    /** The whole request reached the upstream: from now on a timeout is the upstream's. */
    private void sent(Void ignored) {
        requestSent = true;
    }

    private void responded(AsyncResult<HttpClientResponse> result) {
        if (finished || clientBroke) {
            return; // the client's failure answers (resetting the upstream request lands here first)
        }
        upstreamNanos = System.nanoTime() - upstreamStart;
        if (result.failed()) {
            upstreamDone = true;
            boolean timeout = UpstreamRequests.isTimeout(result.cause());
            // A timeout while the client was still sending its body may be the client's slowness.
            settle(clientBroke || (timeout && !requestSent) ? Verdict.NEUTRAL : Verdict.FAILED);
            upstreamFailed(result.cause());
            return;
        }
        HttpClientResponse response = result.result();
        int status = response.statusCode();
        if (services.breakerStatuses().failed(status)) {
            settle(Verdict.FAILED);
            if ((status == 502 || status == 503) && UpstreamRequests.idempotent(request.method())
                    && !UpstreamRequests.hasBody(request) && attempts <= route.upstreams().timeouts().retries()) {
                upstreamDone = true;
                response.end();
                forward();
                return;
            }
        } else {
            settle(Verdict.SUCCEEDED);
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

    private enum Verdict { SUCCEEDED, FAILED, NEUTRAL }

    /** Tells the breaker how the current attempt ended, once. */
    private void settle(Verdict verdict) {
        if (settled) {
            return;
        }
        settled = true;
        switch (verdict) {
            case SUCCEEDED -> attempt.succeeded();
            case FAILED -> attempt.failed();
            case NEUTRAL -> attempt.neutral();
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
        UpstreamResponses.copyHead(request, upstreamResponse, response);
        finishHead(response);
        upstreamResponse.pipeTo(response).onComplete(done -> {
            upstreamDone = true;
            if (done.failed() && !finished) {
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

    private Future<Void> respondWithProblem(int status, String key, String detail) {
        return respondWithProblem(status, key, detail, List.of());
    }

    private Future<Void> respondWithProblem(int status, String key, String detail, List<Violation> violations) {
        errorKey = key;
        services.metrics().rejection(key);
        HttpServerResponse response = request.response();
        finishHead(response);
        Future<Void> written = Problems.write(response, status, key, detail, context.requestId(), UpstreamResponses.errors(violations));
        if (!request.isEnded()) {
            // the body was never read: drop it rather than leave it in the connection
            request.resume();
        }
        finish(status);
        return written;
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
        if (edge != null) {
            edge.handle(null); // no longer in flight on the client connection (idle timeout)
        }
        policies.abandon();
        if (attempt != null) {
            settle(Verdict.NEUTRAL); // an attempt nobody judged (e.g. a 413 mid-upload) teaches the breaker nothing
        }
        resetOutgoing();
        ExchangeRecords.finished(services, context, status, upstreamNanos, traceparent, errorKey);
    }

    private void securityEvent(SecurityEventType type, String key, ThreatMatch threat) {
        ExchangeRecords.securityEvent(services, context, type, key, threat);
    }
}
