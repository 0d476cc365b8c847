package dev.bulwark.controlplane.securityevent;

import java.time.Instant;

/**
 * A stored security event. {@code id} is unique (the delivery id); {@code eventId} is the gateway's
 * own identifier, for correlation with gateway logs.
 */
public record SecurityEventView(String id, String eventId, Instant occurredAt, String type, String errorKey,
                                String environment, String apiId, String applicationId, String clientIp, String method,
                                String path, String detail) {
}
