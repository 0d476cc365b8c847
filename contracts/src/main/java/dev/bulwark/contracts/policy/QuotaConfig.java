package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Required;
import dev.bulwark.contracts.schema.Violations;
import java.time.DateTimeException;
import java.time.ZoneId;

@Doc("Caps the number of requests per calendar day or month; counters survive gateway restarts.")
public record QuotaConfig(
        @Required @Range(min = 1, max = 1_000_000_000_000L) @Doc("Requests allowed per period.") Long limit,
        @Required @Doc("Calendar period: day or month.") QuotaPeriod period,
        @Doc("What is counted: application or api-key. Default: application.") LimitKey keyBy,
        @Doc("IANA time zone the period boundaries follow. Default: UTC.") String timeZone,
        @Doc("When Redis is slow or down: open admits, closed rejects with 503. Default: open.") FailureMode failureMode,
        @Range(min = 1, max = 5_000) @Doc("How long to wait for Redis, in ms. Default: 50.") Integer redisTimeoutMillis)
        implements PolicyConfig {

    public QuotaConfig {
        keyBy = keyBy == null ? LimitKey.APPLICATION : keyBy;
        timeZone = timeZone == null ? "UTC" : timeZone;
        failureMode = failureMode == null ? FailureMode.OPEN : failureMode;
        redisTimeoutMillis = redisTimeoutMillis == null ? 50 : redisTimeoutMillis;
    }

    @Override
    public void validateRules(Violations v) {
        v.require(keyBy == LimitKey.APPLICATION || keyBy == LimitKey.API_KEY, "keyBy", "must be application or api-key");
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            v.add("timeZone", "is not a known IANA time zone");
        }
    }
}
