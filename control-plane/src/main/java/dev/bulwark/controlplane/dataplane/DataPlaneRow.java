package dev.bulwark.controlplane.dataplane;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code data_plane}: what one data plane reported last. Written only through {@link DataPlaneRepository}'s queries. */
@MappedEntity("data_plane")
record DataPlaneRow(@Id String id, String environment, UUID credentialId, @Nullable String softwareVersion, long appliedVersion,
                    @Nullable String appliedHash, @Nullable Instant appliedAt, @Nullable Instant connectedAt,
                    @Nullable Instant disconnectedAt, Instant lastSeenAt, @Nullable String lastError,
                    @Nullable String publicUrl) {
}
