package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a policy does when a dependency it needs (Redis, a JWKS endpoint) is slow or down. */
public enum FailureMode {
    /** Let the request through and count it: availability over enforcement. */
    @JsonProperty("open") OPEN,
    /** Reject with 503: enforcement over availability. */
    @JsonProperty("closed") CLOSED
}
