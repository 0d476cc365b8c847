package dev.bulwark.controlplane.alert;

import dev.bulwark.contracts.event.SecurityEvent;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * A gateway security event as a SIEM channel receives it: identifiers and where the request hit,
 * never a credential, a parameter value or a body (the gateway sends none; paths are clipped).
 */
public record ForwardedEvent(String eventId, String at, String type, String errorKey, @Nullable String apiId,
                             @Nullable String applicationId, @Nullable String clientIp, @Nullable String method,
                             @Nullable String path, @Nullable String ruleId, @Nullable String family,
                             @Nullable String location, @Nullable Boolean blocked) {
    private static final int MAX_PATH = 256;

    static ForwardedEvent of(SecurityEvent event) {
        String path = event.path() == null || event.path().length() <= MAX_PATH ? event.path() : event.path().substring(0, MAX_PATH);
        var threat = event.threat();
        return new ForwardedEvent(event.eventId(), event.at().toString(), label(event), event.errorKey(), event.apiId(),
                event.applicationId(), event.clientIp(), event.method(), path, threat == null ? null : threat.ruleId(),
                threat == null || threat.family() == null ? null : threat.family().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                threat == null ? null : threat.location(), threat == null ? null : threat.blocked());
    }

    /**
     * How urgent one event is on its own, for the channel's minimum severity: attacks on the data
     * (injection, data beyond the contract) high; refusals that may be probing medium; the routine
     * refusals of a busy API (bad keys, limits, sizes, address rules) low.
     */
    static String severity(SecurityEvent event) {
        return switch (event.type()) {
            case INJECTION, DATA_EXPOSURE -> "high";
            case AUTHORIZATION_FAILURE, CONTRACT_VIOLATION, POLICY_BLOCKED -> "medium";
            case AUTHENTICATION_FAILURE, RATE_LIMITED, QUOTA_EXCEEDED, IP_BLOCKED, REQUEST_TOO_LARGE -> "low";
        };
    }

    private static String label(SecurityEvent event) {
        return event.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
