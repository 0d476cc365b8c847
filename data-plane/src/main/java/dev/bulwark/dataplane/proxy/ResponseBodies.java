package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.UpstreamResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * The response-body phase: reads the upstream's whole response (bounded) for routes whose policies
 * inspect it, and runs their {@link Policy#onResponseBody} hooks in reverse chain order, each on the
 * body the previous one returned.
 */
final class ResponseBodies {
    /** Returned by {@link #bufferLimit} when no policy inspects this response. */
    static final long NOT_BUFFERED = -1;
    static final PolicyFailure TOO_LARGE = new PolicyFailure(502, "RESPONSE_TOO_LARGE",
            "The service's response is larger than the gateway may inspect");

    private ResponseBodies() {
    }

    /** The smallest bound of the policies that inspect this response, or {@link #NOT_BUFFERED}. */
    static long bufferLimit(List<Policy> chain, RequestContext context, int status) {
        long limit = NOT_BUFFERED;
        for (int i = 0; i < chain.size(); i++) {
            Policy policy = chain.get(i);
            if (policy.inspectsResponseBody(context, status)) {
                long bound = policy.maxResponseBodyBytes();
                limit = limit < 0 ? bound : Math.min(limit, bound);
            }
        }
        return limit;
    }

    /**
     * The whole body, or {@link #TOO_LARGE} as soon as it passes the bound (declared or streamed).
     * {@code stream} is the response's body as read for the read timeout ({@link UpstreamBody}).
     */
    static Future<Buffer> read(HttpClientResponse response, ReadStream<Buffer> stream, long limit) {
        String declared = response.getHeader("content-length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return Future.failedFuture(TOO_LARGE);
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(TOO_LARGE);
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        stream.handler(chunk -> {
            if (body.length() + (long) chunk.length() > limit) {
                if (promise.tryFail(TOO_LARGE)) {
                    response.request().reset();
                }
                return;
            }
            body.appendBuffer(chunk);
        });
        stream.exceptionHandler(promise::tryFail);
        stream.endHandler(done -> promise.tryComplete(body));
        stream.resume();
        return promise.future();
    }

    /** Every inspecting hook, last policy first, each on the body the previous one returned. */
    static Future<Buffer> inspect(List<Policy> chain, RequestContext context, UpstreamResponse response, Buffer body) {
        Future<Buffer> current = Future.succeededFuture(body);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Policy policy = chain.get(i);
            if (policy.inspectsResponseBody(context, response.status())) {
                current = current.compose(next -> {
                    try {
                        return policy.onResponseBody(context, response, next);
                    } catch (RuntimeException e) {
                        return Future.failedFuture(e);
                    }
                });
            }
        }
        return current;
    }
}
