package dev.bulwark.controlplane.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.contracts.event.SecurityEvent;
import java.util.List;

/**
 * What a detection saw, as the timeline keeps it: the window, its counts against the threshold and
 * a few sample events (or, for an anomaly, the baseline; for the endpoint detectors, the endpoints). Identifiers only: never a credential, a
 * parameter value or a body.
 *
 * @param refusedEndpoints those of {@code endpoints} (undeclared paths) the gateway refused with 404/405
 *                         rather than forwarding them upstream; null when none was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String windowStart, long windowSeconds, int threshold, long events, Long distinctValues,
                       List<Sample> samples, BaselineSeen baseline, List<String> endpoints, List<String> refusedEndpoints) {
    /** Endpoints an aggregate-based detection names (operation labels or normalised undeclared paths), at most this many. */
    static final int MAX_ENDPOINTS = 10;


    /** The learned baseline an anomalous window was compared with: mean and deviation per window, windows learned. */
    public record BaselineSeen(double mean, double deviation, int windows) {
    }

    /** One event of the window: which request, where it hit, what stopped it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String eventId, String at, String type, String errorKey, String method, String path,
                         String clientIp, String applicationId, String ruleId, String location, Boolean blocked) {
        private static final int MAX_PATH = 256;

        static Sample of(SecurityEvent event) {
            String path = event.path() == null || event.path().length() <= MAX_PATH ? event.path() : event.path().substring(0, MAX_PATH);
            String type = event.type() == null ? null : event.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            return new Sample(event.eventId(), event.at().toString(), type, event.errorKey(), event.method(), path,
                    event.clientIp(), event.applicationId(), event.threat() == null ? null : event.threat().ruleId(),
                    event.threat() == null ? null : event.threat().location(),
                    event.threat() == null ? null : event.threat().blocked());
        }
    }
}
