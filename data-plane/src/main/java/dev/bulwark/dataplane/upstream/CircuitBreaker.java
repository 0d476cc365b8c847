package dev.bulwark.dataplane.upstream;

import java.time.Instant;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The breaker of one origin for one API, shared by every event loop: after {@code threshold}
 * consecutive failures the upstream caused it opens for {@code openMillis}; then exactly one probe
 * request is let through (half-open): its success closes the breaker, its failure opens it again,
 * and a probe that ends saying nothing about the upstream (the client went away, a gateway error)
 * hands the probe to the next request at once. Requests admitted before the breaker opened cannot
 * change it afterwards: only the probe decides. Lock-free; a few atomics per request.
 *
 * <p>Only the proxy decides what a failure is (docs/gateway.md, "Circuit breaker"): a client that
 * breaks its own request must never count, or any key holder could open the breaker for everyone.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Told of every state change, on the thread that caused it; must not block. */
    public interface Listener {
        Listener NONE = (breaker, to) -> { };

        void transition(CircuitBreaker breaker, State to);
    }

    private static final int CLOSED = 0;
    private static final int OPEN = 1;
    private static final int HALF_OPEN = 2;
    private static final State[] STATES = {State.CLOSED, State.OPEN, State.HALF_OPEN};

    private final int threshold;
    private final long openNanos;
    private final Listener listener;
    private final AtomicInteger state = new AtomicInteger(CLOSED);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** Written before {@link #state} turns OPEN, so a reader that sees OPEN sees the deadline. */
    private volatile long openUntilNanos;
    /** Wall-clock time of the last opening, for the console ("open since"); 0 before the first. */
    private volatile long openedAtMillis;

    public CircuitBreaker(int threshold, long openMillis) {
        this(threshold, openMillis, Listener.NONE);
    }

    public CircuitBreaker(int threshold, long openMillis, Listener listener) {
        this.threshold = threshold;
        this.openNanos = openMillis * 1_000_000L;
        this.listener = listener;
    }

    /** What {@link #tryAcquire} granted. */
    public enum Admission { REFUSED, ADMITTED, PROBE }

    /** Whether a request may go to the origin now; {@link Admission#PROBE} claims the half-open probe. */
    public Admission tryAcquire() {
        int current = state.get();
        if (current == CLOSED) {
            return Admission.ADMITTED;
        }
        if (current == HALF_OPEN || System.nanoTime() - openUntilNanos < 0) {
            return Admission.REFUSED;
        }
        if (state.compareAndSet(OPEN, HALF_OPEN)) {
            listener.transition(this, State.HALF_OPEN);
            return Admission.PROBE;
        }
        return Admission.REFUSED;
    }

    /** The upstream answered well. */
    public void onSuccess(boolean probe) {
        if (probe) {
            consecutiveFailures.set(0);
            if (state.compareAndSet(HALF_OPEN, CLOSED)) {
                listener.transition(this, State.CLOSED);
            }
        } else if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
    }

    /** The upstream failed: refused or reset the connection, timed out after the request was sent, or a configured 5xx. */
    public void onFailure(boolean probe) {
        if (probe) {
            open(HALF_OPEN);
            return;
        }
        if (state.get() == CLOSED && consecutiveFailures.incrementAndGet() >= threshold) {
            open(CLOSED);
        }
    }

    /** The attempt ended without saying anything about the upstream: a probe is handed on, nothing else changes. */
    public void onNeutral(boolean probe) {
        if (probe) {
            // Back to OPEN with the cool-down already over: seen from outside it stays half-open,
            // and the next request becomes the probe.
            openUntilNanos = System.nanoTime();
            state.compareAndSet(HALF_OPEN, OPEN);
        }
    }

    private void open(int from) {
        openUntilNanos = System.nanoTime() + openNanos;
        if (state.compareAndSet(from, OPEN)) {
            openedAtMillis = System.currentTimeMillis();
            consecutiveFailures.set(0);
            listener.transition(this, State.OPEN);
        }
    }

    /** When the breaker last opened (wall clock); {@link Instant#EPOCH} if it never did. */
    public Instant openedAt() {
        return Instant.ofEpochMilli(openedAtMillis);
    }

    /** OPEN until the cool-down ends, then HALF_OPEN (a probe may go, or is in flight). */
    public State state() {
        int current = state.get();
        if (current == OPEN && System.nanoTime() - openUntilNanos >= 0) {
            return State.HALF_OPEN;
        }
        return STATES[current];
    }
}
