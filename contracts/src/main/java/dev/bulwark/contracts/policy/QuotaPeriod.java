package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Calendar period a quota resets on. */
public enum QuotaPeriod {
    @JsonProperty("day") DAY,
    @JsonProperty("month") MONTH
}
