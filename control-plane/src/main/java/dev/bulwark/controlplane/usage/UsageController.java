package dev.bulwark.controlplane.usage;

import dev.bulwark.controlplane.kernel.Granularity;
import dev.bulwark.controlplane.kernel.Principal;
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

/** Usage dashboards: the tenant always comes from the caller's session, never from the request. */
@Controller("/api/v1/usage")
@RequiresRole(Role.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
class UsageController {
    private static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    private final UsageQueries queries;

    UsageController(UsageQueries queries) {
        this.queries = queries;
    }

    @Get("/timeseries")
    UsageViews.Timeseries timeseries(Principal principal, @Nullable @QueryValue String apiId,
                                     @Nullable @QueryValue String applicationId, @Nullable @QueryValue String from,
                                     @Nullable @QueryValue String to, @Nullable @QueryValue String granularity) {
        return queries.timeseries(principal.tenantId(), new UsageQueries.Filter(apiId, applicationId),
                TimeRange.parse(from, to, DEFAULT_SPAN, Instant.now()), Granularity.parse(granularity));
    }

    @Get("/top-consumers")
    UsageViews.TopConsumers topConsumers(Principal principal, @Nullable @QueryValue String apiId,
                                         @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                         @Nullable @QueryValue String limit) {
        return queries.topConsumers(principal.tenantId(), apiId, TimeRange.parse(from, to, DEFAULT_SPAN, Instant.now()),
                TimeRange.limit(limit, 10, 100));
    }

    @Get("/status")
    UsageViews.StatusBreakdown status(Principal principal, @Nullable @QueryValue String apiId,
                                      @Nullable @QueryValue String applicationId, @Nullable @QueryValue String from,
                                      @Nullable @QueryValue String to) {
        return queries.statusClasses(principal.tenantId(), new UsageQueries.Filter(apiId, applicationId),
                TimeRange.parse(from, to, DEFAULT_SPAN, Instant.now()));
    }
}
