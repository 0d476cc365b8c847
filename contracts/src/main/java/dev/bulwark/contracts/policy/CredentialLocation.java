package dev.bulwark.contracts.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a credential is read from on the incoming request. */
public enum CredentialLocation {
    @JsonProperty("header") HEADER,
    @JsonProperty("query") QUERY
}
