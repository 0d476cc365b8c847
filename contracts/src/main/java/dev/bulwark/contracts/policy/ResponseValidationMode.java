package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What contract validation does with upstream responses that do not match the operation's response schema. */
public enum ResponseValidationMode {
    /** Responses are not inspected. */
    @JsonProperty("off") OFF,
    /** Violations become security events; the response goes out unchanged. */
    @JsonProperty("report") REPORT,
    /** Properties the schema does not declare are removed (excess data exposure, OWASP API3); other violations are reported. */
    @JsonProperty("filter") FILTER,
    /** A response with any violation, undeclared properties included, is replaced by a 502 problem. */
    @JsonProperty("block") BLOCK
}
