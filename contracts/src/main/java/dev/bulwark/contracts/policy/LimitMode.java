package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where rate-limit counters live. */
public enum LimitMode {
    /** In Redis, exact across every gateway of the environment. */
    @JsonProperty("distributed") DISTRIBUTED,
    /** In each gateway's memory: no Redis round trip, but N gateways admit up to N times the limit. */
    @JsonProperty("local") LOCAL
}
