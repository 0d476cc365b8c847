package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The detectors over the gateways' security events (and, for the anomaly detectors, their usage
 * aggregates). Each one groups the events it looks at by API
 * and subject (a client address, a consumer or the API itself), counts them in fixed windows, and
 * opens an incident when a window's measure goes strictly above the threshold (a threshold is the
 * most a window may hold and still be normal). Defaults are documented in
 * docs/incidents.md; tenants override them per detector.
 */
public enum Detector {
    /** Many authentication failures from one client address. */
    CREDENTIAL_STUFFING("credential-stuffing", 20, Duration.ofMinutes(1), Severity.HIGH, false),
    /**
     * Authentication failures against one API from many client addresses (distributed key guessing).
     * Counted per source: each address counts once per window, so neither one noisy client (credential
     * stuffing's case) nor many users' occasional typos add up to it.
     */
    KEY_GUESSING("key-guessing", 100, Duration.ofMinutes(1), Severity.HIGH, true),
    /** One consumer refused on many distinct object paths of one API: walking ids (BOLA suspicion). */
    ENUMERATION("enumeration", 10, Duration.ofMinutes(1), Severity.HIGH, true),
    /** Injection attempts from one client address. */
    INJECTION_BURST("injection-burst", 5, Duration.ofMinutes(1), Severity.HIGH, false),
    /** Requests breaking the API's contract from one client address (fuzzing, mass assignment). */
    CONTRACT_VIOLATION_BURST("contract-violation-burst", 20, Duration.ofMinutes(1), Severity.MEDIUM, false),
    /** Responses of one API carrying data beyond its contract. */
    DATA_EXPOSURE("data-exposure", 5, Duration.ofMinutes(5), Severity.HIGH, false),
    /**
     * An API's, or an API key's, requests per window far above its learned baseline (see {@link Baseline});
     * the threshold is the least volume that can be anomalous.
     */
    REQUEST_RATE_ANOMALY("request-rate-anomaly", 100, Duration.ofMinutes(1), Severity.MEDIUM, false),
    /** The same over the requests answered 4xx or 5xx: a consumer or an API suddenly failing, or probing. */
    ERROR_RATE_ANOMALY("error-rate-anomaly", 20, Duration.ofMinutes(1), Severity.MEDIUM, false),
    /**
     * One API key (or client address) answered 403/404 by the upstream on many distinct objects of
     * operations with an object id, and on at least half of its requests to them: walking ids (BOLA
     * suspicion). Reads the gateways' endpoint aggregates ({@link EndpointDetectors}).
     */
    OBJECT_ENUMERATION("object-enumeration", 20, Duration.ofMinutes(1), Severity.HIGH, true),
    /** One API key (or client address) reading operations that return personal data in bulk. */
    SCRAPING("scraping", 1_000, Duration.ofMinutes(5), Severity.MEDIUM, false),
    /**
     * Requests to paths under an API that its definition does not declare (shadow endpoints): forwarded
     * by its fallback route, or refused by the gateway (probes mapping the API).
     */
    SHADOW_ENDPOINT("shadow-endpoint", 20, Duration.ofMinutes(5), Severity.MEDIUM, false);

    /** Subject kinds, as the API and the incident table name them. */
    static final String CLIENT_ADDRESS = "client-address";
    static final String APPLICATION = "application";
    static final String API = "api";
    static final String API_KEY = "api-key";

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

    /** True when the threshold applies to distinct values (object paths, client addresses), not to events. */
    public boolean countsDistinct() {
        return countsDistinct;
    }

    /** True for the detectors over the gateways' endpoint aggregates. */
    public boolean readsEndpoints() {
        return this == OBJECT_ENUMERATION || this == SCRAPING || this == SHADOW_ENDPOINT;
    }

    /** True for the detectors over usage aggregates that compare a window with a learned baseline. */
    public boolean learnsBaseline() {
        return this == REQUEST_RATE_ANOMALY || this == ERROR_RATE_ANOMALY;
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
            case KEY_GUESSING -> type == SecurityEventType.AUTHENTICATION_FAILURE && !api.isEmpty() && address != null
                    ? new Observation(this, api, api, API, address) : null;
            case ENUMERATION -> type == SecurityEventType.AUTHORIZATION_FAILURE && !api.isEmpty() && event.path() != null
                    ? consumer(event, api, address, event.method() + " " + event.path()) : null;
            case INJECTION_BURST -> type == SecurityEventType.INJECTION && address != null
                    ? new Observation(this, api, address, CLIENT_ADDRESS, null) : null;
            case CONTRACT_VIOLATION_BURST -> type == SecurityEventType.CONTRACT_VIOLATION && address != null
                    ? new Observation(this, api, address, CLIENT_ADDRESS, null) : null;
            case DATA_EXPOSURE -> type == SecurityEventType.DATA_EXPOSURE && !api.isEmpty()
                    ? new Observation(this, api, api, API, null) : null;
            case REQUEST_RATE_ANOMALY, ERROR_RATE_ANOMALY -> null; // usage aggregates, not security events: Baselines
            case OBJECT_ENUMERATION, SCRAPING, SHADOW_ENDPOINT -> null; // endpoint aggregates: EndpointDetectors
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
