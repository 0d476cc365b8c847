package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code developer_session}: the token is there only as its SHA-256. */
@MappedEntity("developer_session")
record DeveloperSessionRow(@Id UUID id, TenantId tenantId, UUID developerId, byte[] tokenHash, Instant createdAt,
                           Instant expiresAt) {
}
