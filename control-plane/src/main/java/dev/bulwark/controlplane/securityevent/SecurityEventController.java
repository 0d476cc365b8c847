package dev.bulwark.controlplane.securityevent;

import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.controlplane.kernel.Granularity;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TimeRange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.time.Instant;

/** The tenant's security events; the tenant comes from the caller's session. */
@Controller("/api/v1/security-events")
@RequiresRole(Role.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
class SecurityEventController {
    /** Wider than any retention: without from/to the whole retained history is listed. */
    private static final Duration DEFAULT_SPAN = Duration.ofDays(400);

    /** The dashboard's default window for counts. */
    private static final Duration DEFAULT_SERIES_SPAN = Duration.ofHours(24);

    private final SecurityEventQueries queries;
    private final SecurityEventTimeseries timeseries;

    SecurityEventController(SecurityEventQueries queries, SecurityEventTimeseries timeseries) {
        this.queries = queries;
        this.timeseries = timeseries;
    }

    @Get
    Page<SecurityEventView> listSecurityEvents(Principal principal, @Nullable @QueryValue String type, @Nullable @QueryValue String apiId,
                                 @Nullable @QueryValue String applicationId, @Nullable @QueryValue String clientIp,
                                 @Nullable @QueryValue String family, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                 @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        TimeRange range = TimeRange.parse(from, to, DEFAULT_SPAN, Instant.now().plus(Duration.ofDays(2)));
        SecurityEventQueries.Filter filter = new SecurityEventQueries.Filter(type(type), apiId, applicationId,
                clientIp(clientIp), family(family), range.from(), range.to());
        return queries.list(principal.tenantId(), filter, TimeRange.limit(limit, 50, 200), cursor);
    }

    /** Counts per bucket and type; same range and granularity rules as the usage time series. */
    @Get("/timeseries")
    SecurityEventTimeseries.Series securityEventTimeseries(Principal principal, @Nullable @QueryValue String apiId,
                                                           @Nullable @QueryValue String applicationId,
                                                           @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                                           @Nullable @QueryValue String granularity) {
        return timeseries.count(principal.tenantId(), new SecurityEventTimeseries.Filter(blankToNull(apiId), blankToNull(applicationId)),
                TimeRange.parse(from, to, DEFAULT_SERIES_SPAN, Instant.now()), Granularity.parse(granularity));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static SecurityEventType type(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        return SecurityEventTypes.parse(label.trim()).orElseThrow(() ->
                ProblemException.invalid("type", "type must be one of " + SecurityEventTypes.allLabels()));
    }

    private static ThreatFamily family(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        return SecurityEventTypes.parseFamily(label.trim()).orElseThrow(() ->
                ProblemException.invalid("family", "family must be one of " + SecurityEventTypes.allFamilies()));
    }

    private static String clientIp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String canonical = SecurityEventWriter.normalisedIp(text);
        if (canonical == null) {
            throw ProblemException.invalid("clientIp", "clientIp must be a numeric IPv4 or IPv6 address");
        }
        return canonical;
    }
}
