package dev.bulwark.controlplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One stored audit entry, as returned by the read endpoint. */
public record AuditEvent(UUID id, long seq, Instant occurredAt, Actor actor, String action, String resourceType,
                         String resourceId, JsonNode before, JsonNode after, String sourceIp, String requestId,
                         String prevHash, String hash) {

    public record Actor(UUID userId, String email) {
    }
}
