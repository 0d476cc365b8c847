package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.billing.invoice.Invoice;
import dev.bulwark.billing.invoice.InvoiceCalculator;
import dev.bulwark.billing.invoice.PlanChange;
import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.BillingPeriod;
import dev.bulwark.billing.usage.UsageRecord;
import dev.bulwark.controlplane.billing.BillingPlan;
import dev.bulwark.controlplane.billing.BillingPlans;
import dev.bulwark.controlplane.billing.TenantPlans;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Closes a tenant's billing month into one invoice, exactly once whichever replica and however
 * many times it is asked: a transaction-scoped advisory lock per tenant and period serialises the
 * closers, the second one finds the invoice and returns it, and a unique index stands behind both.
 *
 * <p>Metering reads the hourly usage rollups of the period, once, after the grace window: events
 * the gateways deliver late (up to the ingester's late cut-off) are in the rollups by then. Later
 * corrections are credit notes, never edits.
 */
@Singleton
public class InvoiceCloser {
    /** What a close did. */
    public sealed interface Outcome {
        record Issued(BillingDocument invoice) implements Outcome { }
        record AlreadyIssued(BillingDocument invoice) implements Outcome { }
        /** The period (plus grace) has not ended, or the tenant did not exist in it. */
        record NothingToClose(String why) implements Outcome { }
    }

    private static final int LOCK_SPACE = 0x42494c4c;

    private final Sql sql;
    private final TenantPlans tenantPlans;
    private final BillingPlans plans;
    private final BillingDocuments documents;
    private final DocumentChain chain;
    private final Duration grace;
    private final Duration paymentTerms;
    private final InvoiceCalculator calculator = new InvoiceCalculator();

    InvoiceCloser(Sql sql, TenantPlans tenantPlans, BillingPlans plans, BillingDocuments documents, DocumentChain chain,
                  @Value("${bulwark.billing.grace-period:2h}") Duration grace,
                  @Value("${bulwark.billing.payment-terms:14d}") Duration paymentTerms) {
        this.sql = sql;
        this.tenantPlans = tenantPlans;
        this.plans = plans;
        this.documents = documents;
        this.chain = chain;
        this.grace = grace;
        this.paymentTerms = paymentTerms;
    }

    public Duration grace() {
        return grace;
    }

    /** Closes {@code month} in the tenant's billing zone, if it ended at least the grace period before {@code now}. */
    @Transactional
    public Outcome close(TenantId tenant, YearMonth month, Instant now) {
        TenantPlans.Assignment assignment = tenantPlans.current(tenant);
        BillingPeriod period = new BillingPeriod(month, ZoneId.of(assignment.timeZone()));
        if (period.end().plus(grace).isAfter(now)) {
            return new Outcome.NothingToClose("the period closes at " + period.end().plus(grace));
        }
        lockPeriod(tenant + "/" + period.start());
        var existing = documents.invoiceFor(tenant, period.start());
        if (existing.isPresent()) {
            return new Outcome.AlreadyIssued(existing.get());
        }
        List<PlanChange> timeline = timeline(tenant, period);
        if (timeline.isEmpty()) {
            return new Outcome.NothingToClose("the tenant had no plan in " + month);
        }
        List<UsageRecord> usage = sql.list("SELECT hour, sum(requests) AS requests FROM usage_hour WHERE tenant_id = ? AND hour >= ? "
                        + "AND hour < ? GROUP BY hour",
                row -> new UsageRecord("hour:" + Sql.instant(row, "hour"), tenant.toString(), PricePlans.REQUESTS, row.getLong("requests"),
                        HourlyUsage.billedAt(Sql.instant(row, "hour"), timeline.get(0).effectiveFrom())), tenant, period.start(), period.end());
        Invoice invoice = calculator.calculate(tenant.toString(), period, timeline, usage);
        Money subtotal = invoice.subtotal();
        Money tax = subtotal.times(assignment.taxRate().movePointLeft(2)).rounded();
        Instant issuedAt = now.truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        chain.issue("INV", new DocumentChain.Content(id, tenant.value(), BillingDocument.INVOICE, null, month.toString(),
                period.start(), period.end(), period.zone().getId(), invoice.currency().getCurrencyCode(),
                invoice.lines().stream().map(BillingDocument.Line::of).toList(),
                invoice.usage().stream().map(BillingDocument.Usage::of).toList(),
                subtotal.amount(), assignment.taxRate(), tax.amount(), subtotal.plus(tax).amount(), null, null, issuedAt,
                issuedAt.plus(paymentTerms), null, null));
        return new Outcome.Issued(documents.require(tenant, id));
    }

    /**
     * The tenant's plans in the period, each cut again where its price changed: every segment is
     * priced by the version in force then ({@code billing_plan_price}), not by today's plan row.
     */
    private List<PlanChange> timeline(TenantId tenant, BillingPeriod period) {
        List<TenantPlans.Change> changes = tenantPlans.timeline(tenant).stream()
                .filter(change -> change.effectiveAt().isBefore(period.end())).toList();
        List<PlanChange> timeline = new java.util.ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            TenantPlans.Change change = changes.get(i);
            Instant until = i + 1 < changes.size() ? changes.get(i + 1).effectiveAt() : period.end();
            BillingPlan plan = plans.find(change.planId()).orElseThrow();
            for (PricePlans.Version version : PricePlans.versions(sql, plan, change.effectiveAt(), until)) {
                Instant from = version.from().isBefore(change.effectiveAt()) ? change.effectiveAt() : version.from();
                timeline.add(new PlanChange(from, version.plan()));
            }
        }
        return timeline;
    }

    /**
     * Serialises the closers of one period until the calling transaction ends (a transaction-scoped
     * advisory lock): the second closer to arrive then finds what the first one issued.
     */
    public void lockPeriod(String key) {
        sql.list("SELECT pg_advisory_xact_lock(?, hashtext(?))", row -> 1, LOCK_SPACE, key);
    }

    public Duration paymentTerms() {
        return paymentTerms;
    }

    /** Tenants that had a plan before {@code before}: the candidates for closing the month before it. */
    @Transactional(readOnly = true)
    public List<TenantId> tenantsWithPlansBefore(Instant before) {
        return sql.list("SELECT DISTINCT tenant_id FROM tenant_plan_change WHERE effective_at < ?",
                row -> new TenantId(row.getObject(1, UUID.class)), before);
    }

    /** The month before the one {@code now} (less the grace period) falls in, in the tenant's zone. Not read-only: see {@link TenantPlans#current}. */
    @Transactional
    public YearMonth lastMonth(TenantId tenant, Instant now) {
        return YearMonth.from(now.minus(grace).atZone(ZoneId.of(tenantPlans.current(tenant).timeZone()))).minusMonths(1);
    }
}
