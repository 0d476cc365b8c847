package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.kernel.Granularity;
import dev.bulwark.controlplane.kernel.TimeRange;
import dev.bulwark.controlplane.usage.UsageQueries;
import dev.bulwark.controlplane.usage.UsageViews;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;

/** A developer's own usage and remaining quota, per application; the same series as the console's. */
@Controller("/api/devportal/v1/tenants/{slug}/applications/{appId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@DeveloperEndpoint
@Tag(name = "developer portal")
@SecurityRequirement(name = PortalSessionController.DEVELOPER_BEARER)
@SecurityRequirement(name = PortalSessionController.DEVELOPER_COOKIE)
public class PortalUsageController {
    private static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    private final DeveloperApps apps;
    private final UsageQueries usage;
    private final DeveloperQuota quota;

    public PortalUsageController(DeveloperApps apps, UsageQueries usage, DeveloperQuota quota) {
        this.apps = apps;
        this.usage = usage;
        this.quota = quota;
    }

    @Get("/usage")
    public UsageViews.Timeseries ownUsage(String slug, String appId, DeveloperCaller caller, @Nullable @QueryValue String from,
                                       @Nullable @QueryValue String to, @Nullable @QueryValue String granularity) {
        Application app = apps.own(caller, appId);
        return usage.timeseries(caller.tenantId(), new UsageQueries.Filter(null, app.id().toString()),
                TimeRange.parse(from, to, DEFAULT_SPAN, Instant.now()), Granularity.parse(granularity));
    }

    @Get("/quota")
    public QuotaList ownQuota(String slug, String appId, DeveloperCaller caller) {
        Application app = apps.own(caller, appId);
        return new QuotaList(quota.quotas(caller.tenantId(), app.id(), Instant.now()));
    }

    public record QuotaList(java.util.List<AppViews.QuotaItem> items) {
    }
}
