package dev.bulwark.dataplane.upstream;

import dev.bulwark.contracts.sync.BreakerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Circuit breakers, one per API and origin, kept across snapshot swaps so that publishing a new
 * snapshot does not close an open breaker.
 *
 * <p>Why per API and origin: an API belongs to exactly one tenant, so no tenant's callers can open
 * a breaker another tenant's traffic goes through, and within a tenant one API's callers cannot
 * stop its other APIs. The price is that an origin shared by several APIs is found dead once per
 * API (each after its own threshold of failures).
 *
 * <p>Each breaker is exported as {@code bulwark_breaker_state{tenant,api,origin}} (0 closed, 1 open,
 * 2 half-open) and {@code bulwark_breaker_transitions_total{tenant,api,origin,to}}.
 */
public final class UpstreamRegistry {
    /** Identity of a breaker; {@code origin} is {@link Origin#key()} (no path, no credentials). */
    public record BreakerKey(String tenantId, String apiId, String origin) {
    }

    private final ConcurrentHashMap<BreakerKey, Entry> breakers = new ConcurrentHashMap<>();
    private final int failureThreshold;
    private final long openMillis;
    private final MeterRegistry metrics;

    public UpstreamRegistry(int failureThreshold, long openMillis) {
        this(failureThreshold, openMillis, new SimpleMeterRegistry());
    }

    public UpstreamRegistry(int failureThreshold, long openMillis, MeterRegistry metrics) {
        this.failureThreshold = failureThreshold;
        this.openMillis = openMillis;
        this.metrics = metrics;
    }

    /** The origin with the breaker of {@code apiId} for it. */
    public Upstream upstream(String tenantId, String apiId, Origin origin) {
        BreakerKey key = new BreakerKey(tenantId == null ? "" : tenantId, apiId, origin.key());
        return new Upstream(origin, breakers.computeIfAbsent(key, this::create).breaker);
    }

    /** Drops the breakers (and their meters) of API/origin pairs no longer in {@code inUse}. */
    public void retainOnly(Collection<BreakerKey> inUse) {
        Set<BreakerKey> keep = new HashSet<>(inUse);
        for (BreakerKey key : List.copyOf(breakers.keySet())) {
            if (!keep.contains(key)) {
                Entry removed = breakers.remove(key);
                if (removed != null) {
                    removed.meters.forEach(metrics::remove);
                }
            }
        }
    }

    /** The key {@link #upstream} files a breaker under, for {@link #retainOnly}. */
    public static BreakerKey key(String tenantId, String apiId, Origin origin) {
        return new BreakerKey(tenantId == null ? "" : tenantId, apiId, origin.key());
    }

    /** The breaker of an API for an origin, if one exists (status pages, tests). */
    public CircuitBreaker.State state(BreakerKey key) {
        Entry entry = breakers.get(key);
        return entry == null ? null : entry.breaker.state();
    }

    /**
     * The breakers that are not closed, oldest opening first, at most {@link BreakerStatus#MAX_REPORTED}:
     * what the gateway reports to the control plane with each heartbeat.
     */
    public List<BreakerStatus> openBreakers() {
        List<BreakerStatus> open = new ArrayList<>();
        breakers.forEach((key, entry) -> {
            CircuitBreaker.State state = entry.breaker.state();
            if (state != CircuitBreaker.State.CLOSED) {
                open.add(new BreakerStatus(key.tenantId(), key.apiId(), key.origin(),
                        state == CircuitBreaker.State.OPEN ? BreakerStatus.OPEN : BreakerStatus.HALF_OPEN, entry.breaker.openedAt()));
            }
        });
        open.sort(Comparator.comparing(BreakerStatus::since).thenComparing(BreakerStatus::apiId).thenComparing(BreakerStatus::origin));
        return open.size() > BreakerStatus.MAX_REPORTED ? List.copyOf(open.subList(0, BreakerStatus.MAX_REPORTED)) : List.copyOf(open);
    }

    private Entry create(BreakerKey key) {
        Tags tags = Tags.of("tenant", key.tenantId(), "api", key.apiId(), "origin", key.origin());
        Map<CircuitBreaker.State, Counter> transitions = new EnumMap<>(CircuitBreaker.State.class);
        List<Meter> meters = new ArrayList<>(4);
        for (CircuitBreaker.State to : CircuitBreaker.State.values()) {
            Counter counter = Counter.builder("bulwark.breaker.transitions").tags(tags).tag("to", to.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Circuit breaker state changes, by the state entered").register(metrics);
            transitions.put(to, counter);
            meters.add(counter);
        }
        CircuitBreaker breaker = new CircuitBreaker(failureThreshold, openMillis, (b, to) -> transitions.get(to).increment());
        meters.add(Gauge.builder("bulwark.breaker.state", breaker, b -> b.state().ordinal()).tags(tags).strongReference(true)
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open").register(metrics));
        return new Entry(breaker, meters);
    }

    private record Entry(CircuitBreaker breaker, List<Meter> meters) {
    }
}
