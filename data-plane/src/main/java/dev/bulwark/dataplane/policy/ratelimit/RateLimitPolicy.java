package dev.bulwark.dataplane.policy.ratelimit;

import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.ResponseHeaders;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Admits at most {@code limit + burst} requests per caller in each window of {@code periodSeconds}.
 * A caller's window opens with its first admitted request (not on a wall-clock boundary), so a
 * burst fired into a fresh window gets exactly the capacity, whichever gateways serve it.
 */
public final class RateLimitPolicy implements Policy {
    private final RateLimitConfig config;
    private final WindowLimiter limiter;
    private final RedisFailureMode failureMode;
    private final String keyPrefix;
    private final String configHash;
    private final long capacity;
    private final long windowMillis;
    private final String limitHeader;

    public RateLimitPolicy(RateLimitConfig config, WindowLimiter limiter, RedisFailureMode failureMode, String keyPrefix) {
        this.config = config;
        this.limiter = limiter;
        this.failureMode = failureMode;
        this.keyPrefix = keyPrefix;
        this.capacity = config.limit() + config.burst();
        this.windowMillis = config.periodSeconds() * 1_000L;
        this.configHash = LimitKeys.digest(capacity + "/" + windowMillis + "/" + config.keyBy() + "/" + config.headerName()).substring(0, 10);
        this.limitHeader = Long.toString(capacity);
    }

    @Override
    public String id() {
        return PolicyType.RATE_LIMIT;
    }

    @Override
    public int order() {
        return PolicyOrder.RATE_LIMIT;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        String key = counterKey(context);
        return limiter.acquire(key, capacity, windowMillis)
                .transform(outcome -> outcome.succeeded() ? enforce(context, outcome.result()) : failureMode.apply());
    }

    String counterKey(RequestContext context) {
        String subject = LimitSubjects.of(context, config.keyBy(), config.headerName());
        String scope = context.route().route().api().apiId() + ":" + configHash;
        return LimitKeys.rateLimit(keyPrefix, context.route().route().api().tenantId(), subject, scope);
    }

    private Future<Void> enforce(RequestContext context, Decision decision) {
        long resetSeconds = (decision.resetMillis() + 999) / 1_000;
        if (decision.admitted()) {
            if (config.sendHeaders()) {
                ResponseHeaders headers = context.responseHeaders();
                headers.set("RateLimit-Limit", limitHeader);
                headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
                headers.set("RateLimit-Reset", Long.toString(resetSeconds));
            }
            return CONTINUE;
        }
        String reset = Long.toString(resetSeconds);
        Map<String, String> headers = config.sendHeaders()
                ? Map.of("RateLimit-Limit", limitHeader, "RateLimit-Remaining", "0", "RateLimit-Reset", reset, "Retry-After", reset)
                : Map.of("Retry-After", reset);
        return Future.failedFuture(new PolicyFailure(429, "RATE_LIMITED",
                "Rate limit of " + capacity + " requests per " + config.periodSeconds() + " s exceeded", headers));
    }
}
