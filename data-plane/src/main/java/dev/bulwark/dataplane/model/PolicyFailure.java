package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import java.util.List;
import java.util.Map;

/**
 * Why a policy stopped a request: rendered as problem+json with the stable {@code key}.
 * No stack trace is captured: failures are expected traffic, not bugs, and must stay cheap.
 */
public final class PolicyFailure extends RuntimeException {
    private final int status;
    private final String key;
    private final Map<String, String> headers;
    private final SecurityEventType eventType;
    private final ThreatMatch threat;
    private final List<Violation> violations;

    public PolicyFailure(int status, String key, String message) {
        this(status, key, message, Map.of());
    }

    /** @param headers extra response headers, e.g. {@code Retry-After} */
    public PolicyFailure(int status, String key, String message, Map<String, String> headers) {
        this(status, key, message, headers, null, null, List.of());
    }

    /**
     * A refusal by an inspecting policy.
     *
     * @param eventType  the security event to record; null derives it from status and key
     * @param threat     what matched, recorded with the event; null when nothing specific did
     * @param violations listed in the problem body's {@code errors}; empty for none
     */
    public PolicyFailure(int status, String key, String message, Map<String, String> headers, SecurityEventType eventType,
                         ThreatMatch threat, List<Violation> violations) {
        super(message, null, false, false);
        this.status = status;
        this.key = key;
        this.headers = Map.copyOf(headers);
        this.eventType = eventType;
        this.threat = threat;
        this.violations = List.copyOf(violations);
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The security event type to record, or null to derive it from status and key. */
    public SecurityEventType eventType() {
        return eventType;
    }

    public ThreatMatch threat() {
        return threat;
    }

    public List<Violation> violations() {
        return violations;
    }
}
