package dev.bulwark.controlplane.kernel;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Member roles, weakest first: a role includes every permission of the roles before it. */
public enum Role {
    @JsonProperty("viewer") VIEWER,
    @JsonProperty("publisher") PUBLISHER,
    @JsonProperty("admin") ADMIN,
    @JsonProperty("owner") OWNER;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
