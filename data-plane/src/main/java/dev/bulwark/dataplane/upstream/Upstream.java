package dev.bulwark.dataplane.upstream;

/**
 * One origin of an API with that API's breaker for it. The two {@link Attempt}s are made once here,
 * so choosing an origin allocates nothing per request.
 */
public final class Upstream {
    private final Origin origin;
    private final CircuitBreaker breaker;
    private final Attempt regular;
    private final Attempt probe;

    public Upstream(Origin origin, CircuitBreaker breaker) {
        this.origin = origin;
        this.breaker = breaker;
        this.regular = new Attempt(this, false);
        this.probe = new Attempt(this, true);
    }

    public Origin origin() {
        return origin;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** An attempt if the breaker admits one now, else null. */
    Attempt tryAttempt() {
        return switch (breaker.tryAcquire()) {
            case ADMITTED -> regular;
            case PROBE -> probe;
            case REFUSED -> null;
        };
    }

    /**
     * One request sent (or about to be sent) to an origin. The proxy reports how it ended exactly
     * once: {@link #succeeded}, {@link #failed} (the upstream's fault) or {@link #neutral} (nothing
     * learned about the upstream: the client broke or left, or the gateway itself failed).
     */
    public record Attempt(Upstream upstream, boolean probe) {
        public Origin origin() {
            return upstream.origin;
        }

        public void succeeded() {
            upstream.breaker.onSuccess(probe);
        }

        public void failed() {
            upstream.breaker.onFailure(probe);
        }

        public void neutral() {
            upstream.breaker.onNeutral(probe);
        }
    }
}
