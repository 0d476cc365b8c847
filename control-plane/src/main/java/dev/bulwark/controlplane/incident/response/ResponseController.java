package dev.bulwark.controlplane.incident.response;

import dev.bulwark.controlplane.incident.response.ResponseViews.ResponseSetting;
import dev.bulwark.controlplane.incident.response.ResponseViews.ResponseView;
import dev.bulwark.controlplane.incident.response.ResponseViews.SettingRequest;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TimeRange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** Automatic responses to incidents (docs/incidents.md): off by default, set per detector by admins. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class ResponseController {
    private final ResponseSettings settings;
    private final ActiveResponses responses;

    ResponseController(ResponseSettings settings, ActiveResponses responses) {
        this.settings = settings;
        this.responses = responses;
    }

    @Get("/incident-detectors/{detector}/response")
    @RequiresRole(Role.VIEWER)
    ResponseSetting getIncidentResponseSetting(Principal principal, String detector) {
        return settings.get(principal.tenantId(), detector);
    }

    @Put("/incident-detectors/{detector}/response")
    @RequiresRole(Role.ADMIN)
    ResponseSetting setIncidentResponseSetting(Principal principal, String detector, @Body @Nullable SettingRequest body) {
        return settings.set(principal, detector, body);
    }

    /** Turns the detector's automatic response off; responses in force run their course (lift them to end them now). */
    @Delete("/incident-detectors/{detector}/response")
    @RequiresRole(Role.ADMIN)
    ResponseSetting clearIncidentResponseSetting(Principal principal, String detector) {
        return settings.clear(principal, detector);
    }

    @Get("/incident-responses")
    @RequiresRole(Role.VIEWER)
    List<ResponseView> listIncidentResponses(Principal principal, @Nullable @QueryValue String active, @Nullable @QueryValue String limit) {
        return responses.list(principal.tenantId(), "true".equals(active), TimeRange.limit(limit, 50, 200));
    }

    @Post("/incident-responses/{responseId}/lift")
    @RequiresRole(Role.ADMIN)
    ResponseView liftIncidentResponse(Principal principal, String responseId) {
        return responses.lift(principal, Ids.parse(responseId, "Incident response"));
    }
}
