package dev.bulwark.controlplane.dataplane;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code data_plane_credential}: only the credential's SHA-256 and its public prefix. */
@MappedEntity("data_plane_credential")
record DataPlaneCredentialRow(@Id UUID id, String environment, String name, String secretHash, String prefix, Instant createdAt,
                              String createdBy, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {

    DataPlaneCredential toCredential() {
        return new DataPlaneCredential(id, environment, name, prefix, createdAt, createdBy, revokedAt, lastUsedAt);
    }
}
