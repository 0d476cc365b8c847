package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What one batch adds to one detector group and window: events, distinct values, a few samples. */
final class Tally {
    /** The group and window a tally belongs to. {@code apiId} is empty when no API matched. */
    record Key(UUID tenantId, Detector detector, String apiId, String subject, Instant windowStart) {
    }

    final String subjectKind;
    final DetectorSettings settings;
    long events;
    final Set<String> values = new LinkedHashSet<>();
    final List<Evidence.Sample> samples = new ArrayList<>();
    Instant first;
    Instant last;
    String applicationId;
    /** The learned baseline a window was compared with (anomaly detectors only). */
    Evidence.BaselineSeen baseline;
    /** Endpoints seen (endpoint detectors), the first {@link Evidence#MAX_ENDPOINTS}. */
    final Set<String> endpoints = new LinkedHashSet<>();
    /** Those of {@link #endpoints} the gateway refused itself rather than forwarding (shadow endpoints). */
    final Set<String> refusedEndpoints = new LinkedHashSet<>();

    Tally(String subjectKind, DetectorSettings settings) {
        this.subjectKind = subjectKind;
        this.settings = settings;
    }

    /** Requests of one usage aggregate (anomaly detectors): no samples, they carry no single request. */
    void add(Instant firstAt, Instant lastAt, String application, long count) {
        events += count;
        if (first == null || firstAt.isBefore(first)) {
            first = firstAt;
        }
        if (last == null || lastAt.isAfter(last)) {
            last = lastAt;
        }
        if (applicationId == null) {
            applicationId = application;
        }
    }

    void endpoint(String label) {
        if (endpoints.size() < Evidence.MAX_ENDPOINTS) {
            endpoints.add(label);
        }
    }

    /** An undeclared endpoint the gateway refused (404/405) instead of forwarding it upstream. */
    void refusedEndpoint(String label) {
        endpoint(label);
        if (endpoints.contains(label)) {
            refusedEndpoints.add(label);
        }
    }

    void add(SecurityEvent event, String distinctValue, int maxSamples) {
        events++;
        if (distinctValue != null) {
            values.add(distinctValue);
        }
        if (first == null || event.at().isBefore(first)) {
            first = event.at();
        }
        if (last == null || event.at().isAfter(last)) {
            last = event.at();
        }
        if (applicationId == null) {
            applicationId = event.applicationId();
        }
        if (samples.size() < maxSamples) {
            samples.add(Evidence.Sample.of(event));
        }
    }
}
