package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code invitation}: the token is there only as its SHA-256. */
@MappedEntity("invitation")
record InvitationRow(@Id UUID id, TenantId tenantId, String email, Role role, byte[] tokenHash, UUID invitedBy,
                     Instant createdAt, Instant expiresAt, @Nullable Instant acceptedAt, @Nullable Instant revokedAt) {
}
