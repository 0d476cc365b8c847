package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code incident_timeline}; {@code detail} is a {@link TimelineDetail} as JSON. */
@MappedEntity("incident_timeline")
record TimelineRow(@Id UUID id, TenantId tenantId, UUID incidentId, Instant at, String kind, @Nullable String actor,
                   @Nullable Long eventCount, @Nullable String detail) {
}
