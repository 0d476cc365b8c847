package dev.bulwark.dataplane.policy.quota;

import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.policy.ratelimit.AsyncRedis;
import dev.bulwark.dataplane.policy.ratelimit.ExhaustedWindows;
import dev.bulwark.dataplane.policy.ratelimit.LimitKeys;
import dev.bulwark.dataplane.policy.ratelimit.LimitSubjects;
import dev.bulwark.dataplane.policy.ratelimit.RedisFailureMode;
import dev.bulwark.dataplane.policy.ratelimit.RedisScript;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Caps requests per calendar day or month, in the configured time zone. Counters live in Redis,
 * one key per caller and period (the period is in the key's name), so they survive gateway
 * restarts and are shared by every gateway; each expires a day after its period ends.
 */
public final class QuotaPolicy implements Policy {
    static final RedisScript SCRIPT = RedisScript.load("/ratelimit/quota.lua");
    /** Kept past the period's end so that gateways with slightly skewed clocks still agree on the count. */
    static final long EXPIRY_MARGIN_SECONDS = 86_400;

    private final QuotaConfig config;
    private final AsyncRedis redis;
    private final RedisFailureMode failureMode;
    private final String keyPrefix;
    private final Clock clock;
    private final ZoneId zone;
    private final String configHash;
    private final String limitText;
    private final ExhaustedWindows exhausted = new ExhaustedWindows();

    public QuotaPolicy(QuotaConfig config, AsyncRedis redis, RedisFailureMode failureMode, String keyPrefix, Clock clock) {
        this.config = config;
        this.redis = redis;
        this.failureMode = failureMode;
        this.keyPrefix = keyPrefix;
        this.clock = clock;
        this.zone = ZoneId.of(config.timeZone());
        // The limit is left out on purpose: raising a quota mid-month must keep the month's usage.
        this.configHash = LimitKeys.digest(config.period() + "/" + config.keyBy() + "/" + config.timeZone()).substring(0, 10);
        this.limitText = Long.toString(config.limit());
    }

    @Override
    public String id() {
        return PolicyType.QUOTA;
    }

    @Override
    public int order() {
        return PolicyOrder.QUOTA;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        Instant now = clock.instant();
        QuotaPeriods.Current period = QuotaPeriods.at(now, config.period(), zone);
        String key = counterKey(context, period.label());
        long sentAt = System.nanoTime();
        if (exhausted.remainingMillis(key, sentAt) > 0) {
            // Known used up for this period (the key names the period): no round trip needed.
            return Future.failedFuture(exceeded(now, period));
        }
        String expireAt = Long.toString(period.end().getEpochSecond() + EXPIRY_MARGIN_SECONDS);
        return redis.run(SCRIPT, config.redisTimeoutMillis(), key, limitText, expireAt)
                .transform(outcome -> outcome.succeeded() ? enforce(outcome.result(), key, sentAt, now, period) : failureMode.apply());
    }

    String counterKey(RequestContext context, String periodLabel) {
        String subject = LimitSubjects.of(context, config.keyBy(), null);
        String scope = context.route().route().api().apiId() + ":" + configHash;
        return LimitKeys.quota(keyPrefix, context.route().route().api().tenantId(), subject, scope, periodLabel);
    }

    private Future<Void> enforce(List<Object> reply, String key, long sentAt, Instant now, QuotaPeriods.Current period) {
        if (((Number) reply.get(0)).longValue() == 1) {
            return CONTINUE;
        }
        exhausted.remember(key, sentAt, Math.max(1, period.end().toEpochMilli() - now.toEpochMilli()));
        return Future.failedFuture(exceeded(now, period));
    }

    private PolicyFailure exceeded(Instant now, QuotaPeriods.Current period) {
        long retryAfter = Math.max(1, period.end().getEpochSecond() - now.getEpochSecond());
        return new PolicyFailure(429, "QUOTA_EXCEEDED",
                "Quota of " + config.limit() + " requests per " + config.period().name().toLowerCase(java.util.Locale.ROOT)
                        + " exhausted; it renews at " + period.end(),
                Map.of("Retry-After", Long.toString(retryAfter)));
    }
}
