package dev.bulwark.controlplane.apikey;

import dev.bulwark.controlplane.kernel.Environment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An issued key as stored and shown: never the key, only its public lookup id. The digest stays in
 * the database and the snapshot compiler.
 */
public record ApiKey(UUID id, UUID applicationId, String lookupId, String label, List<String> scopes,
                     Environment environment, Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                     UUID rotatedFrom, Instant createdAt) {
    public ApiKey {
        scopes = List.copyOf(scopes);
    }

    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "expired" : "active";
    }
}
