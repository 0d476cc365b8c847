package dev.bulwark.dataplane.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * The upstream's response body as the gateway reads it, for the read timeout ({@link ReadDeadlines}):
 * each chunk is a read, and while the reader holds the body back (a slow client behind the relay's
 * back-pressure) the upstream's clock stands still.
 */
final class UpstreamBody implements ReadStream<Buffer> {
    private final HttpClientResponse response;
    private final UpstreamCall call;

    UpstreamBody(HttpClientResponse response, UpstreamCall call) {
        this.response = response;
        this.call = call;
    }

    @Override
    public UpstreamBody handler(Handler<Buffer> handler) {
        response.handler(handler == null ? null : chunk -> {
            call.bodyRead();
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public UpstreamBody exceptionHandler(Handler<Throwable> handler) {
        response.exceptionHandler(handler);
        return this;
    }

    @Override
    public UpstreamBody endHandler(Handler<Void> endHandler) {
        response.endHandler(endHandler);
        return this;
    }

    @Override
    public UpstreamBody pause() {
        call.bodyHeld();
        response.pause();
        return this;
    }

    @Override
    public UpstreamBody resume() {
        call.bodyRead();
        response.resume();
        return this;
    }

    @Override
    public UpstreamBody fetch(long amount) {
        call.bodyRead();
        response.fetch(amount);
        return this;
    }
}
