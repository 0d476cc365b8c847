package dev.bulwark.controlplane.kernel;

import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.util.Objects;
import java.util.UUID;

/**
 * The tenant every query is scoped to. A required argument of every repository and port method.
 * Stored as the {@code uuid} of a {@code tenant_id} column: Micronaut Data repositories take and
 * return it typed, converted by {@link TenantIdConverter}.
 */
@TypeDef(type = DataType.UUID, converter = TenantIdConverter.class)
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
