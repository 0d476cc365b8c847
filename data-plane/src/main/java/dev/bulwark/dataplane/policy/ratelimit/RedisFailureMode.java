package dev.bulwark.dataplane.policy.ratelimit;

import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;

/**
 * What a counting policy does when Redis is slow or down: admit and count (open) or refuse with
 * 503 (closed). Never a 401/403/429: the caller did nothing wrong.
 */
public final class RedisFailureMode {
    public static final String METRIC = "bulwark.ratelimit.redis.failures";

    private final FailureMode mode;
    private final Counter failures;
    private final PolicyFailure unavailable;

    public RedisFailureMode(FailureMode mode, String policyType, String unavailableKey, MeterRegistry metrics) {
        this.mode = mode;
        this.failures = Counter.builder(METRIC)
                .description("Decisions Redis could not make in time, by failure mode applied")
                .tag("mode", mode == FailureMode.OPEN ? "open" : "closed")
                .tag("policy", policyType)
                .register(metrics);
        this.unavailable = new PolicyFailure(503, unavailableKey, "The limit cannot be checked right now; retry shortly",
                java.util.Map.of("Retry-After", "1"));
    }

    public Future<Void> apply() {
        failures.increment();
        return mode == FailureMode.OPEN ? Policy.CONTINUE : Future.failedFuture(unavailable);
    }
}
