package dev.bulwark.controlplane.apikey;

import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code api_key}: the {@link ApiKey}, its tenant and its digest (which never leaves this package). */
@MappedEntity("api_key")
record ApiKeyRow(@Id UUID id, TenantId tenantId, UUID applicationId, String lookupId, String digest, String label,
                 @TypeDef(type = DataType.JSON) List<String> scopes, Environment environment,
                 @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt,
                 @Nullable UUID rotatedFrom, Instant createdAt) {

    ApiKey toApiKey() {
        return new ApiKey(id, applicationId, lookupId, label, scopes, environment, expiresAt, revokedAt, lastUsedAt,
                rotatedFrom, createdAt);
    }
}
