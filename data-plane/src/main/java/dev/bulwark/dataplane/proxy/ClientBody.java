package dev.bulwark.dataplane.proxy;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The client's request body as the proxy reads it:
 * <ul>
 *   <li>remembers whether the client broke it (a reset, a closed connection, a malformed chunk), so
 *       that a failed pipe can be told apart from an upstream that stopped reading, and the
 *       upstream request can be aborted instead of completed;</li>
 *   <li>enforces a rate floor (slowloris on the body): after a grace period of one window, the
 *       body must keep up with {@code minBytesPerSecond} over the time the gateway spent reading it
 *       (time paused by back-pressure from the upstream is the gateway's doing, never the
 *       client's, and does not count), or it fails with {@link TooSlow}. A small body has the
 *       whole grace period; a large one must keep flowing.</li>
 * </ul>
 * Event-loop confined. One periodic timer per body being read, none when the floor is off.
 */
final class ClientBody implements ReadStream<Buffer> {
    /** The rate floor of one verticle; {@code minBytesPerSecond} 0 turns it off. */
    record Floor(Vertx vertx, long minBytesPerSecond, long windowMillis) {
        static final Floor NONE = new Floor(null, 0, 1);

        long graceNanos() {
            return windowMillis * 1_000_000L;
        }
    }

    /** The body arrived slower than the floor. */
    static final class TooSlow extends RuntimeException {
        TooSlow() {
            super("the request body arrived slower than the configured minimum rate", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final Floor floor;
    private Throwable failure;
    private Handler<Throwable> exceptionHandler;
    private Handler<Buffer> dataHandler;
    private Handler<Void> endHandler;
    private long timer = -1;
    private long bytes;
    /** Reading time so far, not counting pauses; {@code readingSince} 0 while paused. */
    private long readingNanos;
    private long readingSince;
    private boolean done;

    ClientBody(ReadStream<Buffer> source, Floor floor) {
        this.source = source;
        this.floor = floor;
        source.exceptionHandler(this::failed);
    }

    /** The client's own error (or {@link TooSlow}), or null. */
    Throwable failure() {
        return failure;
    }

    private void failed(Throwable cause) {
        stopTimer();
        if (failure == null) {
            failure = cause;
        }
        Handler<Throwable> handler = exceptionHandler;
        if (handler != null) {
            handler.handle(cause);
        }
    }

    private void startTimer() {
        if (timer < 0 && !done && floor.minBytesPerSecond() > 0) {
            readingSince = System.nanoTime();
            timer = floor.vertx().setPeriodic(Math.max(50, floor.windowMillis() / 2), id -> check());
        }
    }

    private void stopTimer() {
        done = true;
        if (timer >= 0) {
            floor.vertx().cancelTimer(timer);
            timer = -1;
        }
    }

    /** Fails the body once it has fallen behind the floor for longer than the grace period. */
    private void check() {
        long reading = readingNanos + (readingSince == 0 ? 0 : System.nanoTime() - readingSince);
        long owed = (reading - floor.graceNanos()) / 1_000_000 * floor.minBytesPerSecond() / 1_000;
        if (owed > bytes) {
            source.pause();
            failed(new TooSlow());
        }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        dataHandler = handler;
        source.handler(handler == null ? null : chunk -> {
            bytes += chunk.length();
            Handler<Buffer> target = dataHandler;
            if (target != null && failure == null) {
                target.handle(chunk);
            }
        });
        if (handler != null) {
            startTimer();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        if (readingSince != 0) {
            readingNanos += System.nanoTime() - readingSince;
            readingSince = 0;
        }
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (readingSince == 0 && timer >= 0) {
            readingSince = System.nanoTime();
        }
        if (failure == null) {
            source.resume();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (failure == null) {
            source.fetch(amount);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        endHandler = handler;
        source.endHandler(handler == null ? null : end -> {
            stopTimer();
            Handler<Void> target = endHandler;
            if (target != null) {
                target.handle(end);
            }
        });
        return this;
    }
}
