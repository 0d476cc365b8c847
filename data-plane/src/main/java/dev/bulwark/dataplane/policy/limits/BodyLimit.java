package dev.bulwark.dataplane.policy.limits;

import dev.bulwark.dataplane.model.PolicyFailure;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body counted as it streams. The proxy wraps the incoming request with
 * {@code BodyLimit.of(request, context.maxBodyBytes())} and pipes the wrapper upstream; once more
 * than the bound has arrived, the wrapper stops delivering, pauses the source and fails the pipe
 * with a 413 {@code REQUEST_TOO_LARGE} {@link PolicyFailure}, which the proxy renders (or, when the
 * response has already started, turns into a reset) and uses to abort the upstream request.
 * A bound of -1 returns the source itself: no wrapper, no cost.
 */
public final class BodyLimit implements ReadStream<Buffer> {
    private final ReadStream<Buffer> source;
    private final long max;
    private final PolicyFailure failure;
    private long received;
    private boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    private BodyLimit(ReadStream<Buffer> source, long max) {
        this.source = source;
        this.max = max;
        this.failure = failure(max);
    }

    public static ReadStream<Buffer> of(ReadStream<Buffer> source, long maxBytes) {
        return maxBytes < 0 ? source : new BodyLimit(source, maxBytes);
    }

    /** The 413 a body over {@code max} bytes gets, streamed or buffered. */
    public static PolicyFailure failure(long max) {
        return new PolicyFailure(413, "REQUEST_TOO_LARGE", "The request body exceeds " + max + " bytes");
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (exceeded) {
                return;
            }
            received += chunk.length();
            if (received > max) {
                exceeded = true;
                source.pause();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(failure);
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (!exceeded) {
            source.resume();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!exceeded) {
            source.fetch(amount);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : done -> {
            if (!exceeded) {
                endHandler.handle(done);
            }
        });
        return this;
    }

    /** Bytes seen so far, for the access log. */
    public long received() {
        return received;
    }
}
