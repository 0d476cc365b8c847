package dev.bulwark.controlplane.incident;

import java.util.UUID;

/**
 * Told after the detectors committed a change to an incident: {@code opened}, {@code reopened} or
 * {@code detected} (an active incident's group crossed its threshold again). Alerting listens here.
 * Called on the detector's thread: a listener must not block for long.
 */
public interface IncidentListener {
    void changed(UUID tenantId, UUID incidentId, String kind);
}
