package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.BillingPeriod;
import dev.bulwark.controlplane.billing.TenantPlans;
import dev.bulwark.controlplane.billing.invoice.BillingDocument;
import dev.bulwark.controlplane.billing.invoice.BillingDocuments;
import dev.bulwark.controlplane.billing.invoice.DocumentChain;
import dev.bulwark.controlplane.billing.invoice.InvoiceCloser;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * Closes an application's billing month into the tenant's invoices to its developer, exactly once,
 * with the tenant closer's machinery: the same grace period, the same transaction-scoped lock per
 * period (keyed by application), a unique index behind it, the same numbering and hash chain. The
 * month is the tenant's billing month (its billing zone); numbers run per tenant ({@code API-000001}).
 */
@Singleton
public class DeveloperInvoiceCloser {
    /** What closing one application's month did: the invoices issued now, or found issued before. */
    public record Outcome(UUID applicationId, boolean issuedNow, List<BillingDocument> invoices, String why) {
    }

    private final Sql sql;
    private final TenantPlans tenantPlans;
    private final InvoiceCloser tenantCloser;
    private final DeveloperMetering metering;
    private final BillingDocuments documents;
    private final DocumentChain chain;
    private final DeveloperInvoicing invoicing;

    DeveloperInvoiceCloser(Sql sql, TenantPlans tenantPlans, InvoiceCloser tenantCloser, DeveloperMetering metering,
                           BillingDocuments documents, DocumentChain chain, DeveloperInvoicing invoicing) {
        this.sql = sql;
        this.tenantPlans = tenantPlans;
        this.tenantCloser = tenantCloser;
        this.metering = metering;
        this.documents = documents;
        this.chain = chain;
        this.invoicing = invoicing;
    }

    /** The running month so far: the month's fees and the overage of the usage recorded until now. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "DeveloperCharges")
    public record Charges(String periodLabel, Instant periodStart, Instant periodEnd, String timeZone, List<DeveloperMetering.Bill> bills) {
    }

    /** The application's charges in the tenant's billing month containing {@code now}, as closing it now would bill them. */
    @Transactional // not read-only: the tenant's billing row is written the first time billing needs it
    public Charges charges(TenantId tenant, UUID applicationId, Instant now) {
        ZoneId zone = ZoneId.of(tenantPlans.current(tenant).timeZone());
        BillingPeriod period = new BillingPeriod(YearMonth.from(now.atZone(zone)), zone);
        return new Charges(period.month().toString(), period.start(), period.end(), zone.getId(),
                metering.bills(tenant, applicationId, period, now));
    }

    /** Deliberately across tenants: the background closer visits every tenant that prices a plan. */
    @Transactional(readOnly = true)
    public List<TenantId> tenantsWithPrices() {
        return sql.list("SELECT DISTINCT tenant_id FROM plan_price", row -> new TenantId(row.getObject(1, UUID.class)));
    }

    /** Applications with a subscription on a priced plan before the month's end: the candidates for closing it. */
    @Transactional
    public List<UUID> billableApplications(TenantId tenant, YearMonth month) {
        BillingPeriod period = new BillingPeriod(month, ZoneId.of(tenantPlans.current(tenant).timeZone()));
        return sql.list("SELECT DISTINCT s.application_id FROM subscription s WHERE s.tenant_id = ? AND s.status = 'active' "
                        + "AND coalesce(s.decided_at, s.created_at) < ? AND EXISTS (SELECT 1 FROM plan_price p WHERE p.tenant_id = s.tenant_id "
                        + "AND p.plan_id = s.plan_id AND p.effective_from < ?) ORDER BY 1",
                row -> row.getObject(1, UUID.class), tenant, period.end(), period.end());
    }

    /** Closes {@code month} for one application if it ended at least the grace period before {@code now}. */
    @Transactional
    public Outcome close(TenantId tenant, UUID applicationId, YearMonth month, Instant now) {
        BillingPeriod period = new BillingPeriod(month, ZoneId.of(tenantPlans.current(tenant).timeZone()));
        if (period.end().plus(tenantCloser.grace()).isAfter(now)) {
            return new Outcome(applicationId, false, List.of(), "the period closes at " + period.end().plus(tenantCloser.grace()));
        }
        tenantCloser.lockPeriod(tenant + "/" + applicationId + "/" + period.start());
        List<BillingDocument> existing = documents.developerInvoicesFor(tenant, applicationId, period.start());
        if (!existing.isEmpty()) {
            return new Outcome(applicationId, false, existing, "already issued");
        }
        UUID developerId = sql.one("SELECT developer_id FROM application WHERE tenant_id = ? AND id = ?",
                row -> row.getObject(1, UUID.class), tenant, applicationId).orElseThrow();
        Instant issuedAt = now.truncatedTo(ChronoUnit.MICROS);
        // The tenant is the seller: its own rate, as set when the month is closed.
        BigDecimal taxRate = invoicing.settings(tenant).taxRate();
        List<BillingDocument> issued = new ArrayList<>();
        for (DeveloperMetering.Bill bill : metering.bills(tenant, applicationId, period, period.end())) {
            if (bill.lines().isEmpty()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            Money subtotal = Money.of(bill.subtotal(), Currency.getInstance(bill.currency()));
            Money tax = subtotal.times(taxRate.movePointLeft(2)).rounded();
            chain.issue("API:" + tenant, "API", new DocumentChain.Content(id, tenant.value(), BillingDocument.DEVELOPER_INVOICE, null,
                    month.toString(), period.start(), period.end(), period.zone().getId(), bill.currency(), bill.lines(), bill.usage(),
                    bill.subtotal(), taxRate, tax.amount(), subtotal.plus(tax).amount(), null, null, issuedAt,
                    issuedAt.plus(tenantCloser.paymentTerms()), developerId, applicationId));
            issued.add(documents.requireAny(tenant, id));
        }
        return new Outcome(applicationId, !issued.isEmpty(), issued, issued.isEmpty() ? "nothing priced" : "issued");
    }
}
