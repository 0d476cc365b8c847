package dev.bulwark.dataplane.proxy;

import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.policy.limits.BodyLimit;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * Reads a whole request body into memory for routes whose policies inspect it, bounded so that a
 * client cannot make the gateway hold more than the route allows: a declared length over the bound
 * is refused before a byte is read, a streamed body as soon as it crosses it.
 */
final class RequestBodies {
    /** Returned by {@link #bufferLimit} for a route whose policies never read the body. */
    static final long NOT_BUFFERED = -1;

    private RequestBodies() {
    }

    /** The smallest bound any inspecting policy and the request-limits policy set, or {@link #NOT_BUFFERED}. */
    static long bufferLimit(List<Policy> chain, RequestContext context) {
        long limit = NOT_BUFFERED;
        for (int i = 0; i < chain.size(); i++) {
            Policy policy = chain.get(i);
            if (policy.inspectsRequestBody()) {
                long bound = policy.maxRequestBodyBytes();
                limit = limit < 0 ? bound : Math.min(limit, bound);
            }
        }
        if (limit >= 0 && context.maxBodyBytes() >= 0) {
            limit = Math.min(limit, context.maxBodyBytes());
        }
        return limit;
    }

    /**
     * The body, or a failure: the 413 {@link BodyLimit#failure} past the bound, or the client's own
     * error (including a body slower than the rate floor).
     *
     * @param body the request's body stream, read through {@code request}'s declared length
     */
    static Future<Buffer> read(HttpServerRequest request, ReadStream<Buffer> body, long limit) {
        long declared = declaredLength(request);
        if (declared > limit) {
            return Future.failedFuture(BodyLimit.failure(limit));
        }
        Collector collector = new Collector(limit, declared);
        body.handler(collector);
        body.exceptionHandler(collector.promise::tryFail);
        body.endHandler(done -> collector.promise.tryComplete(collector.body));
        body.resume();
        return collector.promise.future();
    }

    /** Appends chunks until the bound; past it, fails once and drops the rest so the connection drains. */
    private static final class Collector implements Handler<Buffer> {
        final Promise<Buffer> promise = Promise.promise();
        final Buffer body;
        final long limit;
        boolean exceeded;

        Collector(long limit, long declared) {
            this.limit = limit;
            this.body = Buffer.buffer((int) Math.min(declared > 0 ? declared : 4_096, limit));
        }

        @Override
        public void handle(Buffer chunk) {
            if (exceeded) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                exceeded = true;
                promise.tryFail(BodyLimit.failure(limit));
                return;
            }
            body.appendBuffer(chunk);
        }
    }

    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader("content-length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses such requests before they get here
        }
    }
}
