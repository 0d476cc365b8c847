package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a rate limit or quota counts against. */
public enum LimitKey {
    @JsonProperty("application") APPLICATION,
    @JsonProperty("api-key") API_KEY,
    @JsonProperty("ip") IP,
    @JsonProperty("header") HEADER
}
