package dev.bulwark.controlplane.kernel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** Member roles, weakest first: a role includes every permission of the roles before it. */
@TypeDef(type = DataType.STRING, converter = RoleConverter.class)
public enum Role {
    @JsonProperty("viewer") VIEWER,
    @JsonProperty("publisher") PUBLISHER,
    @JsonProperty("admin") ADMIN,
    @JsonProperty("owner") OWNER;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
