package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.billing.TenantPlans;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The tenant as a seller to its developers: the tax rate its developer invoices carry (VAT, sales
 * tax), in percent. The tenant knows its own tax position; Bulwark only applies the rate, from the
 * next invoice on (issued ones never change).
 */
@Singleton
public class DeveloperInvoicing {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Schema(name = "DeveloperInvoicing")
    public record Settings(@Schema(description = "percent added to developer invoices, 0 to below 100, four decimals at most")
                           BigDecimal taxRate) {
    }

    private final Sql sql;
    private final TenantPlans plans;
    private final AuditTrail audit;

    DeveloperInvoicing(Sql sql, TenantPlans plans, AuditTrail audit) {
        this.sql = sql;
        this.plans = plans;
        this.audit = audit;
    }

    @Transactional // not read-only: the tenant's billing row is written the first time billing needs it
    public Settings settings(TenantId tenant) {
        plans.current(tenant);
        return new Settings(sql.one("SELECT developer_tax_rate FROM tenant_billing WHERE tenant_id = ?",
                row -> row.getBigDecimal(1).stripTrailingZeros(), tenant).orElse(BigDecimal.ZERO));
    }

    @Transactional
    public Settings update(Principal actor, Settings wanted) {
        BigDecimal rate = wanted == null ? null : wanted.taxRate();
        if (rate == null || rate.signum() < 0 || rate.compareTo(HUNDRED) >= 0 || rate.stripTrailingZeros().scale() > 4) {
            throw ProblemException.invalid("taxRate", "must be a percentage from 0 to below 100, with four decimals at most");
        }
        Settings before = settings(actor.tenantId());
        sql.update("UPDATE tenant_billing SET developer_tax_rate = ? WHERE tenant_id = ?", rate, actor.tenantId());
        audit.record(actor, "billing.developer-invoicing.update", "tenant-billing", actor.tenantId().toString(),
                Map.of("taxRate", before.taxRate().toPlainString()), Map.of("taxRate", rate.stripTrailingZeros().toPlainString()));
        return settings(actor.tenantId());
    }
}
