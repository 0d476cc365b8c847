package dev.bulwark.controlplane.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident as the API shows it. {@code subject} is what the events were grouped by: a client
 * address, an application id or the API ({@code subjectKind}); {@code apiId} is null when the events
 * matched no API.
 */
public record IncidentView(UUID id, String detector, String apiId, String subject, String subjectKind, String applicationId,
                           String severity, String status, String assignee, long eventCount, Instant firstSeen,
                           Instant lastSeen, Instant openedAt, Instant acknowledgedAt, Instant resolvedAt, int reopenCount,
                           String summary) {

    static IncidentView of(IncidentRow row) {
        return new IncidentView(row.id(), row.detector(), row.apiId().isEmpty() ? null : row.apiId(), row.subject(),
                row.subjectKind(), row.applicationId(), row.severity(), row.status(), row.assignee(), row.eventCount(),
                row.firstSeen(), row.lastSeen(), row.openedAt(), row.acknowledgedAt(), row.resolvedAt(), row.reopenCount(),
                row.summary());
    }
}
