package dev.bulwark.dataplane.model;

import io.vertx.core.Future;

/**
 * The one extension point of the gateway. A policy is built once per snapshot from an immutable,
 * already-validated configuration record, and then runs for every request of the routes it is
 * attached to. It stops a request by failing the future with a {@link PolicyFailure}.
 *
 * <p>Hooks run on the event loop: they must never block. Return {@link #CONTINUE} rather than
 * allocating a new succeeded future.
 */
public interface Policy {
    Future<Void> CONTINUE = Future.succeededFuture();

    /** The policy type, e.g. {@code rate-limit}; also the label of its metrics. */
    String id();

    /** Position in the chain; see {@link PolicyOrder}. Lower runs first. */
    int order();

    /** Before the request is forwarded upstream. */
    default Future<Void> onRequest(RequestContext context) {
        return CONTINUE;
    }

    /** After the upstream answered (or a policy failed), before the response head is written. */
    default void onResponse(RequestContext context) {
    }
}
