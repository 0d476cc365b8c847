package dev.bulwark.dataplane.upstream;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-origin breaker shared by every event loop: after {@code threshold} consecutive failures it
 * opens for {@code openMillis}; then one probe request is let through (half-open): its success
 * closes the breaker, its failure opens it again. Lock-free; a few atomics per request.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicBoolean probeInFlight = new AtomicBoolean();
    private volatile long openUntilNanos;
    private volatile boolean open;

    public CircuitBreaker(int threshold, long openMillis) {
        this.threshold = threshold;
        this.openNanos = openMillis * 1_000_000L;
    }

    /** True when a request may go to the origin now; a true in half-open state claims the probe. */
    public boolean tryAcquire() {
        if (!open) {
            return true;
        }
        if (System.nanoTime() - openUntilNanos < 0) {
            return false;
        }
        return probeInFlight.compareAndSet(false, true);
    }

    public void onSuccess() {
        if (open) {
            open = false;
            probeInFlight.set(false);
        }
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
    }

    public void onFailure() {
        if (open) {
            // the half-open probe failed (or a request admitted before opening did): stay open
            openUntilNanos = System.nanoTime() + openNanos;
            probeInFlight.set(false);
            return;
        }
        if (consecutiveFailures.incrementAndGet() >= threshold) {
            openUntilNanos = System.nanoTime() + openNanos;
            open = true;
            consecutiveFailures.set(0);
        }
    }

    public State state() {
        if (!open) {
            return State.CLOSED;
        }
        return System.nanoTime() - openUntilNanos < 0 ? State.OPEN : State.HALF_OPEN;
    }
}
