package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * The columns of {@code developer} that portal sign-up and log-in use: the developer's record with
 * its password hash (null until the developer signs up in the portal).
 */
@MappedEntity("developer")
record DeveloperAccountRow(@Id UUID id, TenantId tenantId, String email, String name, @Nullable String passwordHash,
                           Instant createdAt, @Nullable Instant signedUpAt) {
}
