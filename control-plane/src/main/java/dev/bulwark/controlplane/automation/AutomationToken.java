package dev.bulwark.controlplane.automation;

import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** What the API shows of an automation token: never the token, only its first characters. */
@Introspected
public record AutomationToken(UUID id, String name, Role role, String prefix, Instant createdAt, UUID createdBy,
                              @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
}
