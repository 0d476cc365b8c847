package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code incident_detector_setting}: one tenant's override of one detector. */
@MappedEntity("incident_detector_setting")
record DetectorSettingRow(@Id UUID id, TenantId tenantId, String detector, boolean enabled, int threshold, int windowSeconds) {

    Optional<DetectorSettings> settings() {
        return Detector.parse(detector)
                .map(d -> new DetectorSettings(d, enabled, threshold, Duration.ofSeconds(windowSeconds)));
    }
}
