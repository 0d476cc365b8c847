package dev.bulwark.controlplane.automation;

import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code automation_token}: the token itself only as its SHA-256 and its public prefix. */
@MappedEntity("automation_token")
record AutomationTokenRow(@Id UUID id, TenantId tenantId, String name, Role role, String tokenHash, String prefix,
                          Instant createdAt, UUID createdBy, @Nullable Instant expiresAt, @Nullable Instant revokedAt,
                          @Nullable Instant lastUsedAt) {

    AutomationToken view() {
        return new AutomationToken(id, name, role, prefix, createdAt, createdBy, expiresAt, revokedAt, lastUsedAt);
    }
}
