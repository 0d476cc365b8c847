package dev.bulwark.dataplane.model;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

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

    /**
     * Whether this policy reads the request body. A route with such a policy buffers the body (up to
     * the smallest {@link #maxRequestBodyBytes()} of its policies, and the request-limits bound)
     * before forwarding, and runs {@link #onRequestBody} after every {@link #onRequest}: the body is
     * read only once the request is authenticated and within its limits.
     */
    default boolean inspectsRequestBody() {
        return false;
    }

    /** The largest body this policy is willing to buffer; a larger one is refused with 413. */
    default long maxRequestBodyBytes() {
        return DEFAULT_MAX_INSPECTED_BODY_BYTES;
    }

    /** Default bound on a buffered request body: 1 MiB, as request-limits' default body bound. */
    long DEFAULT_MAX_INSPECTED_BODY_BYTES = 1_048_576;

    /**
     * With the whole request body (an empty buffer when the request has none), for policies that
     * {@link #inspectsRequestBody() inspect it}. The proxy forwards exactly these bytes.
     */
    default Future<Void> onRequestBody(RequestContext context, Buffer body) {
        return CONTINUE;
    }

    /** After the upstream answered (or a policy failed), before the response head is written. */
    default void onResponse(RequestContext context) {
    }
}
