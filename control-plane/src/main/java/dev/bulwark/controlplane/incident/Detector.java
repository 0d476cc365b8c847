package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The detectors over the gateways' security events. Each one groups the events it looks at by API
 * and subject (a client address, a consumer or the API itself), counts them in fixed windows, and
 * opens an incident when a window reaches the threshold. Defaults are documented in
 * docs/incidents.md; tenants override them per detector.
 */
public enum Detector {
    /** Many authentication failures from one client address. */
    CREDENTIAL_STUFFING("credential-stuffing", 20, Duration.ofMinutes(1), Severity.HIGH, false),
    /** Many authentication failures against one API, whoever sends them (distributed key guessing). */
    KEY_GUESSING("key-guessing", 100, Duration.ofMinutes(1), Severity.HIGH, false),
    /** One consumer refused on many distinct object paths of one API: walking ids (BOLA suspicion). */
    ENUMERATION("enumeration", 10, Duration.ofMinutes(1), Severity.HIGH, true),
    /** Injection attempts from one client address. */
    INJECTION_BURST("injection-burst", 5, Duration.ofMinutes(1), Severity.HIGH, false),
    /** Requests breaking the API's contract from one client address (fuzzing, mass assignment). */
    CONTRACT_VIOLATION_BURST("contract-violation-burst", 20, Duration.ofMinutes(1), Severity.MEDIUM, false),
    /** Responses of one API carrying data beyond its contract. */
    DATA_EXPOSURE("data-exposure", 5, Duration.ofMinutes(5), Severity.HIGH, false);

    /** Subject kinds, as the API and the incident table name them. */
    static final String CLIENT_ADDRESS = "client-address";
    static final String APPLICATION = "application";
    static final String API = "api";

    private final String label;
    private final int defaultThreshold;
    private final Duration defaultWindow;
    private final Severity severity;
    private final boolean countsDistinct;

    Detector(String label, int defaultThreshold, Duration defaultWindow, Severity severity, boolean countsDistinct) {
        this.label = label;
        this.defaultThreshold = defaultThreshold;
        this.defaultWindow = defaultWindow;
        this.severity = severity;
        this.countsDistinct = countsDistinct;
    }

    /** What one event contributes to a detector: its group and, for distinct counting, the value. */
    record Observation(Detector detector, String apiId, String subject, String subjectKind, String distinctValue) {
    }

    public String label() {
        return label;
    }

    public int defaultThreshold() {
        return defaultThreshold;
    }

    public Duration defaultWindow() {
        return defaultWindow;
    }

    public Severity severity() {
        return severity;
    }

    /** True when the threshold applies to distinct values (e.g. object paths), not to events. */
    public boolean countsDistinct() {
        return countsDistinct;
    }

    public static Optional<Detector> parse(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(Detector::label).toList();
    }

    /** The observation this detector makes of {@code event}, or empty when it does not look at it. */
    Optional<Observation> observe(SecurityEvent event) {
        String api = event.apiId() == null ? "" : event.apiId();
        String address = event.clientIp() == null || event.clientIp().isBlank() ? null : event.clientIp();
        SecurityEventType type = event.type();
        return Optional.ofNullable(switch (this) {
            case CREDENTIAL_STUFFING -> type == SecurityEventType.AUTHENTICATION_FAILURE && address != null
                    ? new Observation(this, api, address, CLIENT_ADDRESS, null) : null;
            case KEY_GUESSING -> type == SecurityEventType.AUTHENTICATION_FAILURE && !api.isEmpty()
                    ? new Observation(this, api, api, API, null) : null;
            case ENUMERATION -> type == SecurityEventType.AUTHORIZATION_FAILURE && !api.isEmpty() && event.path() != null
                    ? consumer(event, api, address, event.method() + " " + event.path()) : null;
            case INJECTION_BURST -> type == SecurityEventType.INJECTION && address != null
                    ? new Observation(this, api, address, CLIENT_ADDRESS, null) : null;
            case CONTRACT_VIOLATION_BURST -> type == SecurityEventType.CONTRACT_VIOLATION && address != null
                    ? new Observation(this, api, address, CLIENT_ADDRESS, null) : null;
            case DATA_EXPOSURE -> type == SecurityEventType.DATA_EXPOSURE && !api.isEmpty()
                    ? new Observation(this, api, api, API, null) : null;
        });
    }

    /** The calling application when the gateway knows it, else the client address. */
    private Observation consumer(SecurityEvent event, String api, String address, String value) {
        if (event.applicationId() != null && !event.applicationId().isBlank()) {
            return new Observation(this, api, event.applicationId(), APPLICATION, value);
        }
        return address == null ? null : new Observation(this, api, address, CLIENT_ADDRESS, value);
    }
}
