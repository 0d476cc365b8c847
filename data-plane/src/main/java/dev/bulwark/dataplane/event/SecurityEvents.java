package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.SecurityEventType;

/** Maps a rejection (status and stable key) to the class of security event it is. */
public final class SecurityEvents {
    private SecurityEvents() {
    }

    /** The event type, or null when the rejection is not a security matter (404, 5xx). */
    public static SecurityEventType typeOf(int status, String key) {
        return switch (status) {
            case 401 -> SecurityEventType.AUTHENTICATION_FAILURE;
            case 403 -> key.contains("IP_") ? SecurityEventType.IP_BLOCKED : SecurityEventType.AUTHORIZATION_FAILURE;
            case 429 -> key.contains("QUOTA") ? SecurityEventType.QUOTA_EXCEEDED : SecurityEventType.RATE_LIMITED;
            case 413, 414, 431 -> SecurityEventType.REQUEST_TOO_LARGE;
            case 400, 405, 406, 415, 422 -> SecurityEventType.POLICY_BLOCKED;
            default -> null;
        };
    }
}
