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
    private final AddressGuard addresses;
    private final AtomicInteger next = new AtomicInteger();

    public UpstreamGroup(List<Upstream> upstreams, TimeoutsConfig timeouts) {
        this(upstreams, timeouts, AddressGuard.PUBLIC_ONLY);
    }

    /** @param addresses where the API's upstreams may be connected to, checked on every connection */
    public UpstreamGroup(List<Upstream> upstreams, TimeoutsConfig timeouts, AddressGuard addresses) {
        this.upstreams = upstreams.toArray(Upstream[]::new);
        this.timeouts = timeouts;
        this.addresses = addresses;
    }

    /** An attempt at the next origin whose breaker admits a request, or null when every breaker is open. */
    public Upstream.Attempt choose() {
        int count = upstreams.length;
        int start = count == 1 ? 0 : Math.floorMod(next.getAndIncrement(), count);
        for (int i = 0; i < count; i++) {
            Upstream.Attempt attempt = upstreams[(start + i) % count].tryAttempt();
            if (attempt != null) {
                return attempt;
            }
        }
        return null;
    }

    public TimeoutsConfig timeouts() {
        return timeouts;
    }

    public AddressGuard addresses() {
        return addresses;
    }

    public int size() {
        return upstreams.length;
    }
}
