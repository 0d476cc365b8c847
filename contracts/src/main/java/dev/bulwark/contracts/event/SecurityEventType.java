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
    @JsonProperty("policy-blocked") POLICY_BLOCKED,
    /** An injection detector matched (blocked or reported; see {@link ThreatMatch#blocked()}). */
    @JsonProperty("injection") INJECTION,
    /** The request broke the API's published contract (OpenAPI document). */
    @JsonProperty("contract-violation") CONTRACT_VIOLATION,
    /** A response carried sensitive data or data beyond its contract. */
    @JsonProperty("data-exposure") DATA_EXPOSURE
}
