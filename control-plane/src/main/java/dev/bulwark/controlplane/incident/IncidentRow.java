package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code incident}. {@code apiId} is empty when the events matched no API. */
@MappedEntity("incident")
record IncidentRow(@Id UUID id, TenantId tenantId, String detector, String apiId, String subject, String subjectKind,
                   @Nullable String applicationId, String severity, String status, @Nullable String assignee, long eventCount,
                   Instant firstSeen, Instant lastSeen, Instant openedAt, @Nullable Instant acknowledgedAt,
                   @Nullable Instant resolvedAt, int reopenCount, String summary) {
}
