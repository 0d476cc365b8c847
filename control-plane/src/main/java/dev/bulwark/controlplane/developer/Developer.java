package dev.bulwark.controlplane.developer;

import java.time.Instant;
import java.util.UUID;

/** A consumer of the tenant's APIs: the person or team that owns applications and their keys. */
public record Developer(UUID id, String email, String name, Instant createdAt) {
}
