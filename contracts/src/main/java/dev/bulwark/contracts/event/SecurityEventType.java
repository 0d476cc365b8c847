package dev.bulwark.contracts.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Classes of security events, as dashboards and anomaly detection group them. */
public enum SecurityEventType {
    @JsonProperty("authentication-failure") AUTHENTICATION_FAILURE,
    @JsonProperty("authorization-failure") AUTHORIZATION_FAILURE,
    @JsonProperty("rate-limited") RATE_LIMITED,
    @JsonProperty("quota-exceeded") QUOTA_EXCEEDED,
    @JsonProperty("ip-blocked") IP_BLOCKED,
    @JsonProperty("request-too-large") REQUEST_TOO_LARGE,
    @JsonProperty("policy-blocked") POLICY_BLOCKED
}
