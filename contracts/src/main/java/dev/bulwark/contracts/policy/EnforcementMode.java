package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an inspecting policy does with a request it finds fault with. */
public enum EnforcementMode {
    /** Refuse the request and record a security event. */
    @JsonProperty("block") BLOCK,
    /** Record a security event and forward the request unchanged: for rolling a policy out. */
    @JsonProperty("report") REPORT
}
