package dev.bulwark.controlplane.billing;

import dev.bulwark.contracts.policy.PlanAllowanceConfig;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway side of throttling plans: for every tenant whose plan refuses requests past its
 * allowance, the {@code plan-allowance} policy the snapshot compiler adds to each of its APIs.
 * Spans all tenants on purpose, like the rest of a snapshot's reads.
 */
@Singleton
public class PlanAllowances {
    private final Sql sql;
    private final TenantPlans tenantPlans;

    PlanAllowances(Sql sql, TenantPlans tenantPlans) {
        this.sql = sql;
        this.tenantPlans = tenantPlans;
    }

    /** By tenant id (text, as in snapshots). Call inside the compiler's transaction. */
    public Map<String, PlanAllowanceConfig> byTenant() {
        Map<String, PlanAllowanceConfig> allowances = new HashMap<>();
        sql.list("SELECT t.id, p.id AS plan_id, p.included_requests, coalesce(b.time_zone, 'UTC') AS time_zone FROM tenant t "
                        + "LEFT JOIN tenant_billing b ON b.tenant_id = t.id "
                        + "JOIN billing_plan p ON p.id = coalesce(b.plan_id, ?) WHERE p.request_overage = 'throttle'",
                row -> allowances.put(row.getObject("id").toString(), new PlanAllowanceConfig(row.getString("plan_id"),
                        row.getLong("included_requests"), row.getString("time_zone"), null, null)),
                tenantPlans.signupPlan());
        return allowances;
    }
}
