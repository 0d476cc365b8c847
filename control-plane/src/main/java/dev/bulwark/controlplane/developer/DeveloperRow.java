package dev.bulwark.controlplane.developer;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns of {@code developer} members manage; the portal's password and invitation columns
 * are written only by their own queries.
 */
@MappedEntity("developer")
record DeveloperRow(@Id UUID id, TenantId tenantId, String email, String name, Instant createdAt,
                    @Nullable Instant signedUpAt) {

    static DeveloperRow of(TenantId tenant, Developer developer) {
        return new DeveloperRow(developer.id(), tenant, developer.email(), developer.name(), developer.createdAt(),
                developer.signedUpAt());
    }

    Developer toDeveloper() {
        return new Developer(id, email, name, createdAt, signedUpAt);
    }
}
