package dev.bulwark.dataplane.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The client's request body as the proxy reads it: remembers whether the client broke it (a reset,
 * a closed connection, a malformed chunk), so that a failed pipe can be told apart from an upstream
 * that stopped reading, and the upstream request can be aborted instead of completed.
 */
final class ClientBody implements ReadStream<Buffer> {
    private final ReadStream<Buffer> source;
    private Throwable failure;
    private Handler<Throwable> exceptionHandler;

    ClientBody(ReadStream<Buffer> source) {
        this.source = source;
        source.exceptionHandler(this::failed);
    }

    /** The client's own error, or null. */
    Throwable failure() {
        return failure;
    }

    private void failed(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        Handler<Throwable> handler = exceptionHandler;
        if (handler != null) {
            handler.handle(cause);
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        source.handler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler);
        return this;
    }
}
