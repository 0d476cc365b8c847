package dev.bulwark.dataplane.proxy;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The upstream read timeouts of one event loop, checked by one periodic sweep over the calls that
 * wait on their upstream instead of a timer scheduled and cancelled for every request (a heap insert
 * and removal, a task and a closure each). A call is watched from the moment its request goes out
 * until its response has been read; the response head and each body chunk are reads, so the timeout
 * bounds the wait for the head and every pause in the body. While the relay holds the upstream back
 * for a slow client, the clock stands still: that wait is the client's, not the upstream's.
 *
 * <p>The calls form an intrusive list (their own link fields): watching and unwatching allocate
 * nothing and cost the same at any number of requests in flight. A timeout fires at most
 * {@link #SWEEP_MILLIS} late. Event-loop confined.
 */
final class ReadDeadlines {
    static final long SWEEP_MILLIS = 25;
    /** What the upstream request is reset with, so its response fails as a timeout (no stack: it is expected). */
    static final TimeoutException READ_TIMEOUT = new ReadTimeout();

    private final Vertx vertx;
    private UpstreamCall first;
    private long timer = -1;

    ReadDeadlines(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts the sweep, on the verticle's event loop. */
    void start() {
        timer = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep(System.nanoTime()));
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Starts (or restarts) {@code call}'s clock. */
    void watch(UpstreamCall call) {
        call.lastReadNanos = System.nanoTime();
        if (call.watched) {
            return;
        }
        call.watched = true;
        call.nextWatched = first;
        call.previousWatched = null;
        if (first != null) {
            first.previousWatched = call;
        }
        first = call;
    }

    void unwatch(UpstreamCall call) {
        if (!call.watched) {
            return;
        }
        call.watched = false;
        if (call.previousWatched == null) {
            first = call.nextWatched;
        } else {
            call.previousWatched.nextWatched = call.nextWatched;
        }
        if (call.nextWatched != null) {
            call.nextWatched.previousWatched = call.previousWatched;
        }
        call.previousWatched = null;
        call.nextWatched = null;
    }

    /**
     * Times out each call whose last read is older than its timeout. The expired are collected first:
     * timing one out runs the exchange's failure path (a retry watches the call again).
     */
    void sweep(long now) {
        List<UpstreamCall> expired = null;
        for (UpstreamCall call = first; call != null; call = call.nextWatched) {
            long since = call.lastReadNanos;
            if (since != 0 && now - since > call.readTimeoutNanos) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(call);
            }
        }
        if (expired != null) {
            for (UpstreamCall call : expired) {
                unwatch(call);
                call.readTimedOut();
            }
        }
    }

    private static final class ReadTimeout extends TimeoutException {
        ReadTimeout() {
            super("the upstream sent nothing within the read timeout");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
