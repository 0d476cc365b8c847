package dev.bulwark.controlplane.billing;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Enforces a tenant's plan where something is added, never by taking away what exists: a tenant
 * over a limit after a downgrade keeps its APIs and members, it just cannot add more.
 *
 * <p>Scan runs count per billing month (the tenant's zone, PostgreSQL's clock): the runs requested
 * since the month began, but for runs cancelled before they started, which cost nothing. Data
 * planes serve every tenant of an environment (they are the platform operator's, no tenant owns
 * one), so that limit is carried by the plan and shown, but nothing counts it.
 */
@Singleton
public class PlanLimits {
    public static final String KEY = "PLAN_LIMIT_REACHED";

    private final TenantPlans tenantPlans;
    private final BillingPlans plans;
    private final Sql sql;

    PlanLimits(TenantPlans tenantPlans, BillingPlans plans, Sql sql) {
        this.tenantPlans = tenantPlans;
        this.plans = plans;
        this.sql = sql;
    }

    /**
     * Refuses to add one more of {@code limit} when the tenant's plan is at its maximum. Call it in
     * the transaction that adds: it locks the tenant's billing row, so concurrent additions queue.
     */
    @Transactional
    public void requireRoomFor(TenantId tenant, PlanLimit limit) {
        BillingPlan plan = plans.find(tenantPlans.lockPlan(tenant)).orElseThrow();
        Integer max = plan.max(limit);
        if (max != null && count(tenant, limit) >= max) {
            throw new ProblemException(403, KEY, "Plan limit reached",
                    "The '" + plan.name() + "' plan allows " + max + " " + limit.field() + "; change plan to add more",
                    List.of(new Violation(limit.field(), "limit of " + max + " reached on the '" + plan.id() + "' plan")));
        }
    }

    /**
     * Whether one more of {@code limit} fits, for additions nobody is waiting on (a scheduled scan):
     * they are skipped, not refused. Locks like {@link #requireRoomFor}.
     */
    @Transactional
    public boolean hasRoomFor(TenantId tenant, PlanLimit limit) {
        Integer max = plans.find(tenantPlans.lockPlan(tenant)).orElseThrow().max(limit);
        return max == null || count(tenant, limit) < max;
    }

    /** What the tenant uses of each counted limit; absent when not counted (see the class comment). */
    @Transactional(readOnly = true)
    public Map<PlanLimit, Long> usage(TenantId tenant) {
        Map<PlanLimit, Long> usage = new EnumMap<>(PlanLimit.class);
        usage.put(PlanLimit.APIS, count(tenant, PlanLimit.APIS));
        usage.put(PlanLimit.MEMBERS, count(tenant, PlanLimit.MEMBERS));
        usage.put(PlanLimit.SCAN_RUNS, count(tenant, PlanLimit.SCAN_RUNS));
        return usage;
    }

    private long count(TenantId tenant, PlanLimit limit) {
        String query = switch (limit) {
            case APIS -> "SELECT count(*) FROM api WHERE tenant_id = ? AND lifecycle <> 'retired'";
            // Pending invitations count: accepting one must not take a tenant past its plan.
            case MEMBERS -> "SELECT (SELECT count(*) FROM membership WHERE tenant_id = ?) + (SELECT count(*) FROM invitation "
                    + "WHERE tenant_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now())";
            case SCAN_RUNS -> "SELECT count(*) FROM scan_run WHERE tenant_id = ? AND requested_at >= date_trunc('month', now(), ?) "
                    + "AND (status <> 'cancelled' OR started_at IS NOT NULL)";
            case DATA_PLANES -> null;
        };
        if (query == null) {
            return 0;
        }
        Object[] parameters = switch (limit) {
            case MEMBERS -> new Object[] {tenant, tenant};
            case SCAN_RUNS -> new Object[] {tenant, tenantPlans.current(tenant).timeZone()};
            default -> new Object[] {tenant};
        };
        return sql.one(query, row -> row.getLong(1), parameters).orElse(0L);
    }
}
