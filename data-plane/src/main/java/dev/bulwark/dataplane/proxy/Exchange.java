package dev.bulwark.dataplane.proxy;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.event.SecurityEvents;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.UpstreamResponse;
import dev.bulwark.dataplane.model.Violation;
import dev.bulwark.dataplane.pipeline.HeaderRules;
import dev.bulwark.dataplane.proxy.edge.EdgeConnection;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request through the gateway, after routing, seen from the client's side: the policy chain,
 * the client's failures, and the response (relayed, inspected or a problem). The upstream call is
 * the superclass's. Lives on the request's event loop only; state is plain fields.
 */
final class Exchange extends UpstreamCall implements PolicyChain.Outcome, Handler<Void> {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final PolicyChain policies;
    /** The client broke its request or went away. */
    private boolean clientBroke;
    private String errorKey;
    private boolean finished;
    /** The client connection's edge state; null when untracked. */
    private final EdgeConnection edge;

    Exchange(ProxyServices services, HttpClient client, HttpServerRequest request, RequestContext context, String traceparent,
             boolean tls, ClientBody.Floor floor, ReadDeadlines deadlines, EdgeConnection edge) {
        super(services, client, request, context, traceparent, tls, floor, deadlines);
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

    @Override
    boolean finished() {
        return finished;
    }

    @Override
    boolean clientBroke() {
        return clientBroke;
    }

    @Override
    Buffer bufferedBody() {
        return policies.body();
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

    @Override
    void reject(Throwable cause) {
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
    @Override
    void clientFailed(Throwable cause) {
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
        if (!finished || upstreamPending()) {
            clientFailed(ClientFailures.CLOSED);
        }
    }

    @Override
    void streamFailed() {
        errorKey = "UPSTREAM_STREAM_FAILED";
        request.response().reset();
        finish(request.response().getStatusCode());
    }

    // ---------------------------------------------------------------- response

    @Override
    void relay(HttpClientResponse upstreamResponse) {
        int status = upstreamResponse.statusCode();
        long limit = status == 204 || status == 304 || request.method() == HttpMethod.HEAD ? ResponseBodies.NOT_BUFFERED
                : ResponseBodies.bufferLimit(route.policies(), context, status);
        if (limit != ResponseBodies.NOT_BUFFERED) {
            ResponseBodies.read(upstreamResponse, new UpstreamBody(upstreamResponse, this), limit).onComplete(read -> {
                upstreamOver(); // read whole, or failed: the upstream is no longer waited for
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
        // endOnFailure(false): an upstream that dies mid-body must not have the client's response ended
        // as if complete (a last chunk after half a list); the reset below breaks it instead
        new UpstreamBody(upstreamResponse, this).pipe().endOnFailure(false).to(response).onComplete(done -> {
            upstreamOver();
            if (done.failed() && !finished) {
                if (ClientFailures.clientGone(request)) {
                    clientFailed(ClientFailures.CLOSED); // the write to a client that went away failed: its doing
                    return;
                }
                errorKey = UpstreamRequests.isTimeout(done.cause()) ? "UPSTREAM_TIMEOUT" : "UPSTREAM_STREAM_FAILED";
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

    @Override
    Future<Void> respondWithProblem(int status, String key, String detail) {
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
        if (attempted()) {
            settle(Verdict.NEUTRAL); // an attempt nobody judged (e.g. a 413 mid-upload) teaches the breaker nothing
        }
        resetOutgoing();
        ExchangeRecords.finished(services, context, status, upstreamNanos, traceparent, errorKey);
    }

    @Override
    void securityEvent(SecurityEventType type, String key, ThreatMatch threat) {
        ExchangeRecords.securityEvent(services, context, type, key, threat);
    }
}
