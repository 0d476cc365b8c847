package dev.bulwark.contracts.event;

import java.time.Instant;

/**
 * A request the gateway stopped, or noticed, for security reasons.
 *
 * @param errorKey the stable SCREAMING_SNAKE key of the rejection, e.g. {@code API_KEY_INVALID}
 * @param detail   short machine-made context; never a credential or a body
 * @param threat   what an inspecting policy matched (rule, family, location), or null
 */
public record SecurityEvent(
        String eventId,
        Instant at,
        String environment,
        SecurityEventType type,
        String errorKey,
        String tenantId,
        String apiId,
        String applicationId,
        String clientIp,
        String method,
        String path,
        String detail,
        ThreatMatch threat) {

    /** An event no inspecting policy raised: authentication, limits, IP filter. */
    public SecurityEvent(String eventId, Instant at, String environment, SecurityEventType type, String errorKey,
                         String tenantId, String apiId, String applicationId, String clientIp, String method, String path,
                         String detail) {
        this(eventId, at, environment, type, errorKey, tenantId, apiId, applicationId, clientIp, method, path, detail, null);
    }
}
