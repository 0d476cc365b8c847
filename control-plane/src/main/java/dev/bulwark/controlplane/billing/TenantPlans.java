package dev.bulwark.controlplane.billing;

import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.tenant.TenantCreated;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Which billing plan each tenant is on, and since when. Every change is appended to
 * {@code tenant_plan_change}, the timeline invoices prorate by; nothing is ever deleted.
 * A tenant created before billing, or by a path that bypassed sign-up, is on the sign-up plan
 * from its creation: the row is added the first time it is needed.
 */
@Singleton
public class TenantPlans {
    /** Why a plan changed, as stored. */
    public enum Reason { SIGNUP, CHANGE, OPERATOR, DUNNING, MIGRATION }

    /** @param since when the current plan took effect */
    public record Assignment(TenantId tenantId, String planId, Instant since, String timeZone, BigDecimal taxRate) {
    }

    public record Change(String planId, Instant effectiveAt, String reason) {
    }

    private final Sql sql;
    private final String signupPlan;

    TenantPlans(Sql sql, @Value("${bulwark.billing.signup-plan:free}") String signupPlan) {
        this.sql = sql;
        this.signupPlan = signupPlan;
    }

    public String signupPlan() {
        return signupPlan;
    }

    /** Runs in the sign-up transaction (synchronous event): a tenant starts on the sign-up plan. */
    @EventListener
    void onTenantCreated(TenantCreated event) {
        Instant at = event.at().truncatedTo(ChronoUnit.MICROS);
        sql.update("INSERT INTO tenant_billing (tenant_id, plan_id, plan_since) VALUES (?, ?, ?)", event.tenantId(), signupPlan, at);
        sql.update("INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) VALUES (?, ?, ?, 'signup')",
                event.tenantId(), signupPlan, at);
    }

    /** A read for every tenant that has its row (all but the oldest, once): only a missing row is written. */
    @Transactional
    public Assignment current(TenantId tenant) {
        return read(tenant).orElseGet(() -> {
            ensure(tenant);
            return read(tenant).orElseThrow(() -> ProblemException.notFound("Tenant"));
        });
    }

    private java.util.Optional<Assignment> read(TenantId tenant) {
        return sql.one("SELECT tenant_id, plan_id, plan_since, time_zone, tax_rate FROM tenant_billing WHERE tenant_id = ?",
                row -> new Assignment(tenant, row.getString("plan_id"), Sql.instant(row, "plan_since"),
                        row.getString("time_zone"), row.getBigDecimal("tax_rate").stripTrailingZeros()), tenant);
    }

    /**
     * Locks the tenant's billing row until the transaction ends, so that concurrent writes that
     * count against a limit (two API creations) are decided one after the other.
     */
    @Transactional
    public String lockPlan(TenantId tenant) {
        ensure(tenant);
        return sql.one("SELECT plan_id FROM tenant_billing WHERE tenant_id = ? FOR UPDATE", row -> row.getString("plan_id"), tenant)
                .orElseThrow(() -> ProblemException.notFound("Tenant"));
    }

    /** Moves the tenant to another plan from {@code at} on; a no-op when it is on that plan already. */
    @Transactional
    public boolean assign(TenantId tenant, String planId, Reason reason, UUID actor, Instant at) {
        String current = lockPlan(tenant);
        if (current.equals(planId)) {
            return false;
        }
        Instant effective = at.truncatedTo(ChronoUnit.MICROS);
        sql.update("UPDATE tenant_billing SET plan_id = ?, plan_since = ?, version = version + 1 WHERE tenant_id = ?",
                planId, effective, tenant);
        sql.update("INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason, actor_user_id) VALUES (?, ?, ?, ?, ?)",
                tenant, planId, effective, reason, actor);
        return true;
    }

    /** Every plan the tenant has been on, oldest first. */
    @Transactional(readOnly = true)
    public List<Change> timeline(TenantId tenant) {
        return sql.list("SELECT plan_id, effective_at, reason FROM tenant_plan_change WHERE tenant_id = ? ORDER BY effective_at, id",
                row -> new Change(row.getString("plan_id"), Sql.instant(row, "effective_at"), row.getString("reason")), tenant);
    }

    /** Sets the tenant's billing zone (invoices and the gateway's allowance month follow it). */
    @Transactional
    public void setTimeZone(TenantId tenant, String zone) {
        ensure(tenant);
        sql.update("UPDATE tenant_billing SET time_zone = ?, version = version + 1 WHERE tenant_id = ?", zone, tenant);
    }

    private void ensure(TenantId tenant) {
        int added = sql.update("INSERT INTO tenant_billing (tenant_id, plan_id, plan_since) SELECT id, ?, created_at FROM tenant "
                + "WHERE id = ? ON CONFLICT (tenant_id) DO NOTHING", signupPlan, tenant);
        if (added == 1) {
            sql.update("INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) "
                    + "SELECT tenant_id, plan_id, plan_since, 'migration' FROM tenant_billing WHERE tenant_id = ?", tenant);
        }
    }
}
