package dev.bulwark.dataplane.policy.quota;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.policy.PlanAllowanceConfig;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.QuotaPeriod;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.Violation;
import dev.bulwark.dataplane.policy.ratelimit.AsyncRedis;
import dev.bulwark.dataplane.policy.ratelimit.ExhaustedWindows;
import dev.bulwark.dataplane.policy.ratelimit.LimitKeys;
import dev.bulwark.dataplane.policy.ratelimit.RedisFailureMode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The monthly request allowance of a tenant's Bulwark plan: one counter per tenant and billing
 * month, shared by all of the tenant's APIs and every gateway. Same atomic script as
 * {@link QuotaPolicy}; a different key space and error ({@code PLAN_LIMIT_REACHED}), because the
 * caller's developer did not exceed anything: the API's owner needs a larger plan.
 */
public final class PlanAllowancePolicy implements Policy {
    public static final String KEY = "PLAN_LIMIT_REACHED";

    private final PlanAllowanceConfig config;
    private final AsyncRedis redis;
    private final RedisFailureMode failureMode;
    private final String keyPrefix;
    private final Clock clock;
    private final ZoneId zone;
    private final String limitText;
    private final ExhaustedWindows exhausted = new ExhaustedWindows();

    public PlanAllowancePolicy(PlanAllowanceConfig config, AsyncRedis redis, RedisFailureMode failureMode, String keyPrefix,
                               Clock clock) {
        this.config = config;
        this.redis = redis;
        this.failureMode = failureMode;
        this.keyPrefix = keyPrefix;
        this.clock = clock;
        this.zone = ZoneId.of(config.timeZone());
        this.limitText = Long.toString(config.requestsPerMonth());
    }

    @Override
    public String id() {
        return PolicyType.PLAN_ALLOWANCE;
    }

    @Override
    public int order() {
        return PolicyOrder.PLAN_ALLOWANCE;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        Instant now = clock.instant();
        QuotaPeriods.Current month = QuotaPeriods.at(now, QuotaPeriod.MONTH, zone);
        String key = counterKey(context.route().route().api().tenantId(), month.label());
        long sentAt = System.nanoTime();
        if (exhausted.remainingMillis(key, sentAt) > 0) {
            return Future.failedFuture(reached(now, month));
        }
        String expireAt = Long.toString(month.end().getEpochSecond() + QuotaPolicy.EXPIRY_MARGIN_SECONDS);
        return redis.run(QuotaPolicy.SCRIPT, config.redisTimeoutMillis(), key, limitText, expireAt)
                .transform(outcome -> {
                    if (outcome.failed()) {
                        return failureMode.apply();
                    }
                    if (((Number) outcome.result().get(0)).longValue() == 1) {
                        return CONTINUE;
                    }
                    exhausted.remember(key, sentAt, Math.max(1, month.end().toEpochMilli() - now.toEpochMilli()));
                    return Future.failedFuture(reached(now, month));
                });
    }

    /** The zone is in the key: moving the billing zone starts a new count rather than mixing two months. */
    String counterKey(String tenantId, String monthLabel) {
        return LimitKeys.quota(keyPrefix, tenantId, "tenant", "plan:" + LimitKeys.digest(config.timeZone()).substring(0, 10), monthLabel);
    }

    private PolicyFailure reached(Instant now, QuotaPeriods.Current month) {
        long retryAfter = Math.max(1, month.end().getEpochSecond() - now.getEpochSecond());
        return new PolicyFailure(429, KEY,
                "This API's owner has used the " + config.requestsPerMonth() + " requests per month of its '" + config.planId()
                        + "' plan; the allowance renews at " + month.end(),
                Map.of("Retry-After", Long.toString(retryAfter)), SecurityEventType.QUOTA_EXCEEDED, null,
                List.of(new Violation("plan.requestsPerMonth", "limit of the '" + config.planId() + "' plan reached")));
    }
}
