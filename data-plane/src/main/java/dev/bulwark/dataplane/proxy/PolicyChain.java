package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Runs a route's policies for one request: every {@code onRequest} hook in order, then, when a
 * policy inspects bodies, the bounded buffered body through every {@code onRequestBody} hook. The
 * body is read only after every {@code onRequest} hook passed, so unauthenticated or rate-limited
 * requests are never buffered. Synchronous outcomes are looped over, asynchronous ones resume here.
 */
final class PolicyChain implements Handler<AsyncResult<Void>> {
    private static final Buffer EMPTY = Buffer.buffer(0);

    /** Where the chain's outcome goes; exactly one of the methods is called, once. */
    interface Outcome {
        /** Every hook passed: forward (the buffered body when {@link #body()} is not null). */
        void passed();

        /** A hook refused (a {@link PolicyFailure}) or failed unexpectedly. */
        void refused(Throwable cause);

        /** The client broke its own body (bad chunk, reset, closed, too slow) while it was buffered. */
        void bodyUnreadable(Throwable cause);
    }

    private final List<Policy> chain;
    private final RequestContext context;
    private final Outcome outcome;
    private final ClientBody.Floor floor;
    private int next;
    private boolean bodyPhase;
    private Buffer body;
    private boolean abandoned;

    PolicyChain(List<Policy> chain, RequestContext context, Outcome outcome, ClientBody.Floor floor) {
        this.chain = chain;
        this.context = context;
        this.outcome = outcome;
        this.floor = floor;
    }

    void start() {
        run();
    }

    /** Stops reacting to a body still being read: the exchange already answered. */
    void abandon() {
        abandoned = true;
    }

    /** The buffered body, or null when the request streams through. */
    Buffer body() {
        return body;
    }

    /** How many policies ran their onRequest hook, i.e. are owed an onResponse call. */
    int reached() {
        return bodyPhase ? chain.size() : Math.min(next, chain.size());
    }

    private void run() {
        while (next < chain.size()) {
            Future<Void> step;
            try {
                step = bodyPhase ? nextBodyHook() : chain.get(next++).onRequest(context);
            } catch (RuntimeException e) {
                outcome.refused(e);
                return;
            }
            if (!step.isComplete()) {
                step.onComplete(this);
                return;
            }
            if (step.failed()) {
                outcome.refused(step.cause());
                return;
            }
        }
        if (bodyPhase) {
            outcome.passed();
        } else {
            startBodyPhase();
        }
    }

    /** Completion of an asynchronous hook. */
    @Override
    public void handle(AsyncResult<Void> step) {
        if (step.failed()) {
            outcome.refused(step.cause());
        } else {
            run();
        }
    }

    private Future<Void> nextBodyHook() {
        Policy policy = chain.get(next++);
        return policy.inspectsRequestBody() ? policy.onRequestBody(context, body == null ? EMPTY : body) : Policy.CONTINUE;
    }

    private void startBodyPhase() {
        long limit = RequestBodies.bufferLimit(chain, context);
        if (limit == RequestBodies.NOT_BUFFERED) {
            outcome.passed();
            return;
        }
        bodyPhase = true;
        next = 0;
        HttpServerRequest request = context.request();
        if (!UpstreamRequests.hasBody(request)) {
            run();
            return;
        }
        RequestBodies.read(request, new ClientBody(request, floor), limit).onComplete(read -> {
            if (abandoned) {
                return;
            }
            if (read.succeeded()) {
                body = read.result();
                run();
            } else if (read.cause() instanceof PolicyFailure tooLarge) {
                outcome.refused(tooLarge);
            } else {
                outcome.bodyUnreadable(read.cause());
            }
        });
    }
}
