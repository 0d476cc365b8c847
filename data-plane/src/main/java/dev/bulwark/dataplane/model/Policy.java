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

    /**
     * Whether this policy reads the body of this upstream response. Asked once the upstream's status
     * is known (so a policy can limit itself to error responses, or to operations with a response
     * schema); when any policy of the route says yes, the proxy reads the whole response, bounded by
     * the smallest {@link #maxResponseBodyBytes()} of those policies (a larger one is refused with
     * 502 {@code RESPONSE_TOO_LARGE}: what cannot be inspected is not relayed), and runs
     * {@link #onResponseBody} before anything is written to the client.
     */
    default boolean inspectsResponseBody(RequestContext context, int status) {
        return false;
    }

    /** The largest response body this policy is willing to buffer. */
    default long maxResponseBodyBytes() {
        return DEFAULT_MAX_INSPECTED_BODY_BYTES;
    }

    /**
     * With the upstream's whole response body (empty when it had none), for policies that
     * {@link #inspectsResponseBody inspect it}, in reverse chain order, before the response head is
     * written. Returns the body to send: {@code body} itself, or a rewritten one (the proxy sets
     * Content-Length; a hook that changes the media type sets Content-Type in {@code response}).
     * Failing with a {@link PolicyFailure} answers with that problem instead of the upstream's response.
     */
    default Future<Buffer> onResponseBody(RequestContext context, UpstreamResponse response, Buffer body) {
        return Future.succeededFuture(body);
    }

    /** After the upstream answered (or a policy failed), before the response head is written. */
    default void onResponse(RequestContext context) {
    }
}
