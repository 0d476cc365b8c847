package dev.bulwark.controlplane.kernel;

import java.util.Objects;
import java.util.UUID;

/** The tenant every query is scoped to. A required argument of every repository and port method. */
public record TenantId(UUID value) {
    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String text) {
        return new TenantId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
