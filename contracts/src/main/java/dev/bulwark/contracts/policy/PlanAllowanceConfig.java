package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Required;
import dev.bulwark.contracts.schema.Violations;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The monthly request allowance of a tenant's Bulwark plan, when the plan caps it (Free). Never
 * attached by a tenant: the control plane adds it to every API of such a tenant when it compiles a
 * snapshot, so one counter per tenant and month covers all of the tenant's APIs.
 */
@Doc("Caps all requests to a tenant's APIs per calendar month, as the tenant's Bulwark plan allows. Set by the platform.")
public record PlanAllowanceConfig(
        @Required @Doc("The plan the allowance comes from, named in the error.") String planId,
        @Required @Range(min = 0, max = 1_000_000_000_000L) @Doc("Requests allowed per month, for the whole tenant.") Long requestsPerMonth,
        @Doc("IANA time zone of the tenant's billing month. Default: UTC.") String timeZone,
        @Doc("When Redis is slow or down: open admits, closed rejects with 503. Default: open.") FailureMode failureMode,
        @Range(min = 1, max = 5_000) @Doc("How long to wait for Redis, in ms. Default: 50.") Integer redisTimeoutMillis)
        implements PolicyConfig {

    public PlanAllowanceConfig {
        timeZone = timeZone == null ? "UTC" : timeZone;
        failureMode = failureMode == null ? FailureMode.OPEN : failureMode;
        redisTimeoutMillis = redisTimeoutMillis == null ? 50 : redisTimeoutMillis;
    }

    @Override
    public void validateRules(Violations v) {
        v.require(planId != null && planId.matches("[a-z0-9][a-z0-9-]{0,62}"), "planId", "must be a plan id");
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            v.add("timeZone", "is not a known IANA time zone");
        }
    }
}
