package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** Detector thresholds and windows of the tenant; admins override them (docs/incidents.md). */
@Controller("/api/v1/incident-detectors")
@ExecuteOn(TaskExecutors.BLOCKING)
class DetectorController {
    private final DetectorSettingsService detectors;

    DetectorController(DetectorSettingsService detectors) {
        this.detectors = detectors;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    List<DetectorSettingsService.DetectorView> listIncidentDetectors(Principal principal) {
        return detectors.list(principal.tenantId());
    }

    @Put("/{detector}")
    @RequiresRole(Role.ADMIN)
    DetectorSettingsService.DetectorView updateIncidentDetector(Principal principal, String detector,
                                                                @Body @Nullable DetectorSettingsService.Override body) {
        return detectors.update(principal, detector, body);
    }

    /** Drops the override: back to the defaults. */
    @Delete("/{detector}")
    @RequiresRole(Role.ADMIN)
    DetectorSettingsService.DetectorView resetIncidentDetector(Principal principal, String detector) {
        return detectors.reset(principal, detector);
    }
}
