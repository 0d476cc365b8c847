package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the sensitive-data policy does with a response that carries sensitive data. */
public enum SensitiveDataAction {
    /** Each finding is overwritten in place (same length, so the document keeps its shape) and a security event recorded. */
    @JsonProperty("mask") MASK,
    /** The whole response is replaced by a 502 problem and a security event recorded. */
    @JsonProperty("block") BLOCK,
    /** A security event is recorded and the response relayed unchanged: for rolling the policy out. */
    @JsonProperty("report") REPORT
}
