package dev.bulwark.controlplane.developer;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A consumer of the tenant's APIs: the person or team that owns applications and their keys.
 *
 * @param signedUpAt when they set a password in the developer portal; null for a record only members manage
 */
public record Developer(UUID id, String email, String name, Instant createdAt, @Nullable Instant signedUpAt) {
}
