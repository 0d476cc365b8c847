package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.policy.limits.BodyLimit;
import dev.bulwark.dataplane.proxy.edge.TransferCodingWriter;
import dev.bulwark.dataplane.upstream.ForbiddenAddressException;
import dev.bulwark.dataplane.upstream.Upstream;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream half of one exchange: choosing an origin, connecting, sending the request (with
 * retries for idempotent calls), the breaker's verdict, and the upstream's response head. The client
 * half ({@link Exchange}) extends it, so one request is still one object on the hot path; the two
 * halves meet only through the abstract methods below.
 */
abstract class UpstreamCall {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamCall.class);
    /** HTTP/2 CANCEL (RFC 9113 §7); HTTP/1 requests are reset by closing their connection. */
    private static final long CANCEL = 0x8;

    final ProxyServices services;
    final HttpServerRequest request;
    final RequestContext context;
    final CompiledRoute route;
    final String traceparent;
    /** The gateway's listener terminates TLS (the same for every request it accepts). */
    final boolean tls;
    final ClientBody.Floor floor;
    private final HttpClient client;
    private final String upstreamPath;
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
    private long upstreamStart;
    long upstreamNanos = -1;
    private final ReadDeadlines deadlines;
    // ReadDeadlines' state: its list's links, and the clock (0 while the body is held back)
    boolean watched;
    UpstreamCall nextWatched;
    UpstreamCall previousWatched;
    long lastReadNanos;
    long readTimeoutNanos;

    UpstreamCall(ProxyServices services, HttpClient client, HttpServerRequest request, RequestContext context, String traceparent,
                 boolean tls, ClientBody.Floor floor, ReadDeadlines deadlines) {
        this.services = services;
        this.deadlines = deadlines;
        this.client = client;
        this.request = request;
        this.context = context;
        this.route = context.route().route();
        this.upstreamPath = context.route().upstreamPath();
        this.traceparent = traceparent;
        this.tls = tls;
        this.floor = floor;
    }

    // ---------------------------------------------------------------- what the client half provides

    /** The exchange already answered the client: late upstream events are ignored. */
    abstract boolean finished();

    /** The client broke its request or went away. */
    abstract boolean clientBroke();

    /** The body the policies buffered, or null when the request streams through. */
    abstract Buffer bufferedBody();

    abstract Future<Void> respondWithProblem(int status, String key, String detail);

    abstract void reject(Throwable cause);

    abstract void clientFailed(Throwable cause);

    /** The response head was already sent when the upstream side failed: cut the response. */
    abstract void streamFailed();

    /** The upstream answered with a head that is to be relayed. */
    abstract void relay(HttpClientResponse response);

    abstract void securityEvent(SecurityEventType type, String key, ThreatMatch threat);

    // ---------------------------------------------------------------- upstream

    /** An upstream request is open and not yet over. */
    final boolean upstreamPending() {
        return outgoing != null && !upstreamDone;
    }

    final boolean attempted() {
        return attempt != null;
    }

    /** The response body was relayed (or failed): nothing upstream left to abort. */
    final void upstreamOver() {
        upstreamDone = true;
        deadlines.unwatch(this);
    }

    final void resetOutgoing() {
        if (outgoing != null && !upstreamDone) {
            upstreamOver();
            outgoing.reset();
        }
    }

    /** A chunk of the response body arrived, or the reader takes the body again: the read clock restarts. */
    final void bodyRead() {
        if (watched) {
            lastReadNanos = System.nanoTime();
        }
    }

    /** The reader holds the body back: the upstream is not waited for meanwhile. */
    final void bodyHeld() {
        if (watched) {
            lastReadNanos = 0;
        }
    }

    /** The upstream sent nothing for the read timeout: the request is reset, and its response fails as a timeout. */
    final void readTimedOut() {
        if (outgoing != null && !upstreamDone) {
            upstreamDone = true;
            outgoing.reset(CANCEL, ReadDeadlines.READ_TIMEOUT);
        }
    }

    final void forward() {
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
        if (finished()) {
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
                    address.result(), services.upstreamHttp2())).onComplete(this::connected);
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
            streamFailed();
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
        if (finished()) {
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
        Buffer buffered = bufferedBody();
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
        readTimeoutNanos = route.upstreams().timeouts().readTimeoutMillis() * 1_000_000L;
        deadlines.watch(this);
        outgoing.response().onComplete(this::responded);
        if (buffered != null) {
            outgoing.end(buffered).onSuccess(this::sent);
        } else if (bodyConsumed || !UpstreamRequests.hasBody(request)) {
            bodyConsumed = true;
            outgoing.end().onSuccess(this::sent); // no body: no chunked framing upstream either
        } else {
            bodyConsumed = true;
            streamBody();
        }
    }

    private void streamBody() {
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

    /** The whole request reached the upstream: from now on a timeout is the upstream's. */
    private void sent(Void ignored) {
        requestSent = true;
    }

    private void responded(AsyncResult<HttpClientResponse> result) {
        if (finished() || clientBroke()) {
            return; // the client's failure answers (resetting the upstream request lands here first)
        }
        long now = System.nanoTime();
        upstreamNanos = now - upstreamStart;
        if (result.failed()) {
            upstreamOver();
            boolean timeout = UpstreamRequests.isTimeout(result.cause());
            // A timeout while the client was still sending its body may be the client's slowness.
            settle(timeout && !requestSent ? Verdict.NEUTRAL : Verdict.FAILED);
            upstreamFailed(result.cause());
            return;
        }
        lastReadNanos = now; // the head is a read
        HttpClientResponse response = result.result();
        int status = response.statusCode();
        if (services.breakerStatuses().failed(status)) {
            settle(Verdict.FAILED);
            if ((status == 502 || status == 503) && UpstreamRequests.idempotent(request.method())
                    && !UpstreamRequests.hasBody(request) && attempts <= route.upstreams().timeouts().retries()) {
                upstreamOver();
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

    final void upstreamFailed(Throwable cause) {
        if (UpstreamRequests.isTimeout(cause)) {
            respondWithProblem(504, "UPSTREAM_TIMEOUT", "The service did not answer in time");
        } else {
            respondWithProblem(502, "UPSTREAM_CONNECT_FAILED", "The service could not be reached");
        }
    }

    enum Verdict { SUCCEEDED, FAILED, NEUTRAL }

    /** Tells the breaker how the current attempt ended, once. */
    final void settle(Verdict verdict) {
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
}
