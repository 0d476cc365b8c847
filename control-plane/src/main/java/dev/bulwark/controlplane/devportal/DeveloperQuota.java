package dev.bulwark.controlplane.devportal;

import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.QuotaPeriod;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.plan.PlanService;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Remaining quota per active subscription whose plan has a quota policy. {@code used} counts the
 * requests ingested for the application and API since the period began (in the quota's time zone):
 * every request the gateways reported, so it trails the gateway's own counter by the ingestion lag
 * (seconds) and also counts requests refused after the quota policy. A quota keyed by API key is
 * shown as the application's total.
 * <p>Hand SQL: sums the usage rollups since each quota period began, an aggregate over rollup tables.
 */
@Singleton
public class DeveloperQuota {
    private final Sql sql;
    private final PlanService plans;

    public DeveloperQuota(Sql sql, PlanService plans) {
        this.sql = sql;
        this.plans = plans;
    }

    private record Active(UUID id, UUID apiId, String apiName, UUID planId) {
    }

    /** [start, end) of the quota period containing {@code now}. */
    record Period(Instant start, Instant end) {
        static Period containing(Instant now, QuotaPeriod period, ZoneId zone) {
            ZonedDateTime day = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
            ZonedDateTime start = period == QuotaPeriod.MONTH ? day.withDayOfMonth(1) : day;
            ZonedDateTime end = period == QuotaPeriod.MONTH ? start.plusMonths(1) : start.plusDays(1);
            // Rebuild at local midnight in case the zone skipped it (DST), so the period still starts at the day's start.
            return new Period(start.toLocalDate().atStartOfDay(zone).toInstant(), end.toLocalDate().atStartOfDay(zone).toInstant());
        }
    }

    @Transactional(readOnly = true)
    public List<AppViews.QuotaItem> quotas(TenantId tenant, UUID appId, Instant now) {
        List<Active> active = sql.list("""
                SELECT s.id, s.api_id, a.name AS api_name, s.plan_id FROM subscription s
                JOIN api a ON a.id = s.api_id AND a.tenant_id = s.tenant_id
                WHERE s.tenant_id = ? AND s.application_id = ? AND s.status = 'active' ORDER BY s.id""",
                row -> new Active(Sql.uuid(row, "id"), Sql.uuid(row, "api_id"), row.getString("api_name"), Sql.uuid(row, "plan_id")),
                tenant, appId);
        List<AppViews.QuotaItem> items = new ArrayList<>();
        for (Active subscription : active) {
            Optional<Plan> plan = plans.find(tenant, subscription.planId());
            Optional<QuotaConfig> quota = plan.flatMap(PortalCatalog::quotaConfig);
            if (quota.isEmpty()) {
                continue;
            }
            QuotaConfig q = quota.get();
            Period period = Period.containing(now, q.period(), ZoneId.of(q.timeZone()));
            long used = requests(tenant, subscription.apiId(), appId, period.start(), now);
            items.add(new AppViews.QuotaItem(subscription.id(), subscription.apiId(), subscription.apiName(), subscription.planId(),
                    plan.get().name(), q.period() == QuotaPeriod.MONTH ? "month" : "day", q.limit(), used,
                    Math.max(0, q.limit() - used), period.end()));
        }
        return items;
    }

    /**
     * Requests in [from, to): whole hours from the hourly rollup, the ragged ends from the minute
     * rollup, so a month costs ~750 hour rows rather than ~45,000 minute rows.
     */
    long requests(TenantId tenant, UUID apiId, UUID appId, Instant from, Instant to) {
        Instant firstHour = from.truncatedTo(ChronoUnit.HOURS).equals(from) ? from : from.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant lastHour = to.truncatedTo(ChronoUnit.HOURS);
        if (!firstHour.isBefore(lastHour)) {
            return minutes(tenant, apiId, appId, from, to);
        }
        return minutes(tenant, apiId, appId, from, firstHour) + hours(tenant, apiId, appId, firstHour, lastHour)
                + minutes(tenant, apiId, appId, lastHour, to);
    }

    private long minutes(TenantId tenant, UUID apiId, UUID appId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return 0;
        }
        return sql.one("SELECT coalesce(sum(requests), 0) FROM usage_minute WHERE tenant_id = ? AND application_id = ? "
                        + "AND api_id = ? AND minute >= ? AND minute < ?", row -> row.getLong(1),
                tenant, appId.toString(), apiId.toString(), from, to).orElse(0L);
    }

    private long hours(TenantId tenant, UUID apiId, UUID appId, Instant from, Instant to) {
        return sql.one("SELECT coalesce(sum(requests), 0) FROM usage_hour WHERE tenant_id = ? AND application_id = ? "
                        + "AND api_id = ? AND hour >= ? AND hour < ?", row -> row.getLong(1),
                tenant, appId.toString(), apiId.toString(), from, to).orElse(0L);
    }
}
