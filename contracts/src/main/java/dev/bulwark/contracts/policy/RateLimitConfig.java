package dev.bulwark.contracts.policy;

import dev.bulwark.contracts.schema.Doc;
import dev.bulwark.contracts.schema.Range;
import dev.bulwark.contracts.schema.Required;
import dev.bulwark.contracts.schema.Violations;

@Doc("Limits the request rate per caller, shared by every gateway of the environment.")
public record RateLimitConfig(
        @Required @Range(min = 1, max = 1_000_000_000) @Doc("Requests admitted per period.") Long limit,
        @Required @Range(min = 1, max = 86_400) @Doc("Period length in seconds (1 = per second, 60 = per minute, 3600 = per hour).") Integer periodSeconds,
        @Range(min = 0, max = 1_000_000_000) @Doc("Extra requests allowed in a burst above the steady rate. Default: 0.") Long burst,
        @Doc("What is counted: application, api-key, ip or header. Default: application.") LimitKey keyBy,
        @Doc("Header whose value is the counter key; required when keyBy is header.") String headerName,
        @Doc("Shared across gateways through Redis (distributed), or per gateway (local). Default: distributed.") LimitMode mode,
        @Doc("When Redis is slow or down: open admits, closed rejects with 503. Default: open.") FailureMode failureMode,
        @Range(min = 1, max = 5_000) @Doc("How long to wait for Redis before applying failureMode, in ms. Default: 50.") Integer redisTimeoutMillis,
        @Doc("Send RateLimit-* headers on responses. Default: true.") Boolean sendHeaders)
        implements PolicyConfig {

    public RateLimitConfig {
        burst = burst == null ? 0L : burst;
        keyBy = keyBy == null ? LimitKey.APPLICATION : keyBy;
        mode = mode == null ? LimitMode.DISTRIBUTED : mode;
        failureMode = failureMode == null ? FailureMode.OPEN : failureMode;
        redisTimeoutMillis = redisTimeoutMillis == null ? 50 : redisTimeoutMillis;
        sendHeaders = sendHeaders == null ? Boolean.TRUE : sendHeaders;
    }

    @Override
    public void validateRules(Violations v) {
        boolean byHeader = keyBy == LimitKey.HEADER;
        boolean hasHeader = headerName != null && !headerName.isBlank();
        if (byHeader) {
            v.require(hasHeader, "headerName", "is required when keyBy is header");
            v.require(!hasHeader || ApiKeyAuthConfig.TOKEN.matcher(headerName).matches(), "headerName", "must be a valid header name");
        } else {
            v.require(!hasHeader, "headerName", "is only allowed when keyBy is header");
        }
    }
}
