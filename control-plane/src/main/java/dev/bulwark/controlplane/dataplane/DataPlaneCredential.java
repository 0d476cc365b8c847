package dev.bulwark.controlplane.dataplane;

import java.time.Instant;
import java.util.UUID;

/**
 * A data-plane credential as listed: never the secret, only its public prefix.
 *
 * @param prefix first characters of the credential, to recognise it in a configuration
 */
public record DataPlaneCredential(UUID id, String environment, String name, String prefix, Instant createdAt, String createdBy,
        Instant revokedAt, Instant lastUsedAt) {
}
