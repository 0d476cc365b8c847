package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TimeRange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The tenant's incidents: everyone reads them; admins triage them. */
@Controller("/api/v1/incidents")
@ExecuteOn(TaskExecutors.BLOCKING)
class IncidentController {
    private static final List<String> STATUSES = List.of("open", "acknowledged", "resolved");
    private static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::label).toList();

    /** Body of a note. */
    record Note(String text) {
    }

    /** Body of an assignment; null or blank clears it. */
    record Assignment(String assignee) {
    }

    private final IncidentService incidents;

    IncidentController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    Page<IncidentView> listIncidents(Principal principal, @Nullable @QueryValue String status, @Nullable @QueryValue String detector,
                                     @Nullable @QueryValue String severity, @Nullable @QueryValue String apiId,
                                     @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        IncidentService.Filter filter = new IncidentService.Filter(oneOf("status", status, STATUSES),
                oneOf("detector", detector, Detector.labels()), oneOf("severity", severity, SEVERITIES), apiId);
        UUID before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = UUID.fromString(cursor.strip());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "cursor must be a value returned as nextCursor");
            }
        }
        return incidents.list(principal.tenantId(), filter, TimeRange.limit(limit, 50, 200), before);
    }

    /** Active incidents, and those resolved since {@code from} (default: the last 24 hours). */
    @Get("/counts")
    @RequiresRole(Role.VIEWER)
    IncidentCounts countIncidents(Principal principal, @Nullable @QueryValue String from) {
        TimeRange range = TimeRange.parse(from, null, Duration.ofHours(24), Instant.now());
        return incidents.counts(principal.tenantId(), range.from());
    }

    @Get("/{incidentId}")
    @RequiresRole(Role.VIEWER)
    IncidentDetail getIncident(Principal principal, String incidentId) {
        return incidents.get(principal.tenantId(), Ids.parse(incidentId, "Incident"));
    }

    @Post("/{incidentId}/acknowledge")
    @RequiresRole(Role.ADMIN)
    IncidentView acknowledgeIncident(Principal principal, String incidentId) {
        return incidents.acknowledge(principal, Ids.parse(incidentId, "Incident"));
    }

    @Post("/{incidentId}/resolve")
    @RequiresRole(Role.ADMIN)
    IncidentView resolveIncident(Principal principal, String incidentId) {
        return incidents.resolve(principal, Ids.parse(incidentId, "Incident"));
    }

    @Put("/{incidentId}/assignee")
    @RequiresRole(Role.ADMIN)
    IncidentView assignIncident(Principal principal, String incidentId, @Body @Nullable Assignment body) {
        return incidents.assign(principal, Ids.parse(incidentId, "Incident"), body == null ? null : body.assignee());
    }

    @Post("/{incidentId}/notes")
    @RequiresRole(Role.ADMIN)
    HttpResponse<IncidentDetail.Entry> addIncidentNote(Principal principal, String incidentId, @Body @Nullable Note body) {
        return HttpResponse.<IncidentDetail.Entry>status(HttpStatus.CREATED)
                .body(incidents.note(principal, Ids.parse(incidentId, "Incident"), body == null ? null : body.text()));
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value.strip())) {
            throw ProblemException.invalid(field, field + " must be one of " + allowed);
        }
        return value.strip();
    }
}
