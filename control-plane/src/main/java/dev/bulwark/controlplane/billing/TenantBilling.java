package dev.bulwark.controlplane.billing;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A tenant's view of its billing, and plan changes (by the tenant, or by the operator for any plan). */
@Singleton
public class TenantBilling {
    private final TenantPlans tenantPlans;
    private final BillingPlans plans;
    private final PlanLimits limits;
    private final AuditTrail audit;
    private final Sql sql;

    TenantBilling(TenantPlans tenantPlans, BillingPlans plans, PlanLimits limits, AuditTrail audit, Sql sql) {
        this.tenantPlans = tenantPlans;
        this.plans = plans;
        this.limits = limits;
        this.audit = audit;
        this.sql = sql;
    }

    @Transactional
    public BillingOverview overview(TenantId tenant, Instant now) {
        TenantPlans.Assignment assignment = tenantPlans.current(tenant);
        BillingPlan plan = plans.find(assignment.planId()).orElseThrow();
        BillingOverview.Period period = monthAt(now, ZoneId.of(assignment.timeZone()));
        Map<PlanLimit, Long> used = limits.usage(tenant);
        List<BillingOverview.Allowance> allowances = new ArrayList<>();
        allowances.add(new BillingOverview.Allowance("requests", requests(tenant, period.start(), period.end()), plan.includedRequests()));
        for (PlanLimit limit : PlanLimit.values()) {
            Integer max = plan.max(limit);
            allowances.add(new BillingOverview.Allowance(limit.field(), used.get(limit), max == null ? null : max.longValue()));
        }
        return new BillingOverview(plan, assignment.since(), assignment.timeZone(), assignment.taxRate(), period, allowances);
    }

    /** The tenant's own change: self-service plans only, effective at once. */
    @Transactional
    public BillingOverview changePlan(Principal actor, String planId, Instant now) {
        BillingPlan plan = plans.find(planId == null ? "" : planId).filter(BillingPlan::selfService)
                .orElseThrow(() -> ProblemException.invalid("planId", "is not a plan you can choose"));
        move(actor, actor.tenantId(), plan, TenantPlans.Reason.CHANGE, now);
        return overview(actor.tenantId(), now);
    }

    /** The platform operator's assignment: any plan, for any tenant. */
    @Transactional
    public BillingOverview assign(Principal operator, TenantId tenant, String planId, Instant now) {
        if (sql.one("SELECT 1 FROM tenant WHERE id = ?", row -> 1, tenant).isEmpty()) {
            throw ProblemException.notFound("Tenant");
        }
        BillingPlan plan = plans.find(planId == null ? "" : planId)
                .orElseThrow(() -> ProblemException.invalid("planId", "is not a billing plan"));
        move(operator, tenant, plan, TenantPlans.Reason.OPERATOR, now);
        return overview(tenant, now);
    }

    private void move(Principal actor, TenantId tenant, BillingPlan plan, TenantPlans.Reason reason, Instant now) {
        String before = tenantPlans.current(tenant).planId();
        UUID actorId = actor == null ? null : actor.userId();
        if (tenantPlans.assign(tenant, plan.id(), reason, actorId, now) && actor != null) {
            audit.record(actor, "billing.plan.change", "tenant", tenant.toString(), Map.of("plan", before),
                    Map.of("plan", plan.id(), "reason", reason.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** Requests the gateways reported for the tenant in {@code [from, to)}, from the hourly rollups. */
    long requests(TenantId tenant, Instant from, Instant to) {
        return sql.one("SELECT coalesce(sum(requests), 0) FROM usage_hour WHERE tenant_id = ? AND hour >= ? AND hour < ?",
                row -> row.getLong(1), tenant, from, to).orElse(0L);
    }

    /** The calendar month containing {@code now} in {@code zone}. Pure. */
    public static BillingOverview.Period monthAt(Instant now, ZoneId zone) {
        LocalDate first = now.atZone(zone).toLocalDate().withDayOfMonth(1);
        ZonedDateTime start = first.atStartOfDay(zone);
        return new BillingOverview.Period(first.toString().substring(0, 7), start.toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant());
    }
}
