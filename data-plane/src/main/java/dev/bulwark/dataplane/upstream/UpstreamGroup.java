package dev.bulwark.dataplane.upstream;

import dev.bulwark.contracts.policy.TimeoutsConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The origins of one API, chosen round robin, with the API's timeouts and retry budget.
 * Origins whose breaker is open are skipped; when all are open the caller answers 503.
 */
public final class UpstreamGroup {
    private final Upstream[] upstreams;
    private final TimeoutsConfig timeouts;
    private final AtomicInteger next = new AtomicInteger();

    public UpstreamGroup(List<Upstream> upstreams, TimeoutsConfig timeouts) {
        this.upstreams = upstreams.toArray(Upstream[]::new);
        this.timeouts = timeouts;
    }

    /** The next origin whose breaker admits a request, or null when every breaker is open. */
    public Upstream choose() {
        int count = upstreams.length;
        int start = count == 1 ? 0 : Math.floorMod(next.getAndIncrement(), count);
        for (int i = 0; i < count; i++) {
            Upstream candidate = upstreams[(start + i) % count];
            if (candidate.breaker().tryAcquire()) {
                return candidate;
            }
        }
        return null;
    }

    public TimeoutsConfig timeouts() {
        return timeouts;
    }

    public int size() {
        return upstreams.length;
    }
}
