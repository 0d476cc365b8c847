package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.billing.invoice.Invoice;
import dev.bulwark.billing.invoice.InvoiceCalculator;
import dev.bulwark.billing.invoice.PlanChange;
import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.BillingPeriod;
import dev.bulwark.billing.usage.UsageRecord;
import dev.bulwark.controlplane.billing.invoice.BillingDocument;
import dev.bulwark.controlplane.billing.invoice.HourlyUsage;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What an application owes for a billing month: per active subscription on a priced plan, the
 * pricing library's invoice over the plan's price versions (from the subscription's start) and
 * the application's hourly usage rollups of that API; one bill per currency. The closer issues
 * it; the developer portal shows it for the running month. Runs in the caller's transaction.
 */
@Singleton
public class DeveloperMetering {
    /** The charges of one application in one currency. */
    public record Bill(String currency, List<BillingDocument.Line> lines, List<BillingDocument.Usage> usage, BigDecimal subtotal) {
    }

    private record Priced(UUID subscriptionId, UUID apiId, UUID planId, String label, Instant start) {
    }

    private final Sql sql;
    private final PlanPrices prices;
    private final InvoiceCalculator calculator = new InvoiceCalculator();

    DeveloperMetering(Sql sql, PlanPrices prices) {
        this.sql = sql;
        this.prices = prices;
    }

    /** The application's bills for {@code period}, counting usage recorded before {@code until}. Empty when nothing is priced. */
    public List<Bill> bills(TenantId tenant, UUID applicationId, BillingPeriod period, Instant until) {
        Map<String, List<Invoice>> byCurrency = new TreeMap<>();
        Map<String, String> labels = new java.util.HashMap<>();
        for (Priced subscription : subscriptions(tenant, applicationId, period.end())) {
            List<PlanChange> timeline = timeline(prices.timeline(tenant, subscription.planId(), period.end()), subscription.start());
            if (timeline.isEmpty()) {
                continue;
            }
            labels.put(subscription.planId().toString(), subscription.label());
            Instant usageEnd = until.isBefore(period.end()) ? until : period.end();
            List<UsageRecord> usage = sql.list("SELECT hour, sum(requests) AS requests FROM usage_hour WHERE tenant_id = ? "
                            + "AND application_id = ? AND api_id = ? AND hour >= ? AND hour < ? GROUP BY hour",
                    row -> new UsageRecord("hour:" + Sql.instant(row, "hour"), subscription.subscriptionId().toString(), PlanPrices.REQUESTS,
                            row.getLong("requests"), HourlyUsage.billedAt(Sql.instant(row, "hour"), timeline.get(0).effectiveFrom())),
                    tenant, applicationId.toString(), subscription.apiId().toString(), period.start(), usageEnd);
            Invoice invoice = calculator.calculate(subscription.subscriptionId().toString(), period, timeline, usage);
            byCurrency.computeIfAbsent(invoice.currency().getCurrencyCode(), c -> new ArrayList<>()).add(invoice);
        }
        List<Bill> bills = new ArrayList<>();
        byCurrency.forEach((code, invoices) -> {
            Currency currency = Currency.getInstance(code);
            List<BillingDocument.Line> lines = invoices.stream().flatMap(i -> i.lines().stream()).map(BillingDocument.Line::of)
                    .map(line -> line.withDescription(line.description().replace(line.planId(), labels.get(line.planId())))).toList();
            List<BillingDocument.Usage> usage = invoices.stream().flatMap(i -> i.usage().stream()).map(BillingDocument.Usage::of).toList();
            Money subtotal = invoices.stream().map(Invoice::subtotal).reduce(Money.zero(currency), Money::plus);
            bills.add(new Bill(code, lines, usage, subtotal.amount()));
        });
        return bills;
    }

    /**
     * The price versions as a plan timeline starting at the subscription's start: the version in
     * force then is moved to it (the library bills a subscription from its first change), later
     * versions follow as they are.
     */
    static List<PlanChange> timeline(List<PlanPrices.Version> versions, Instant start) {
        List<PlanChange> timeline = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            PlanPrices.Version version = versions.get(i);
            boolean supersededBeforeStart = i + 1 < versions.size() && !versions.get(i + 1).effectiveFrom().isAfter(start);
            if (supersededBeforeStart) {
                continue;
            }
            timeline.add(new PlanChange(version.effectiveFrom().isBefore(start) ? start : version.effectiveFrom(), version.plan()));
        }
        return timeline;
    }

    /** Active subscriptions of the application that started before {@code before}, on plans that have a price. */
    private List<Priced> subscriptions(TenantId tenant, UUID applicationId, Instant before) {
        return sql.list("SELECT s.id, s.api_id, s.plan_id, a.name AS api_name, p.name AS plan_name, coalesce(s.decided_at, s.created_at) AS since "
                        + "FROM subscription s JOIN plan p ON p.tenant_id = s.tenant_id AND p.id = s.plan_id "
                        + "JOIN api a ON a.tenant_id = s.tenant_id AND a.id = s.api_id "
                        + "WHERE s.tenant_id = ? AND s.application_id = ? AND s.status = 'active' AND coalesce(s.decided_at, s.created_at) < ? "
                        + "AND EXISTS (SELECT 1 FROM plan_price pp WHERE pp.tenant_id = s.tenant_id AND pp.plan_id = s.plan_id) ORDER BY a.name, s.id",
                row -> new Priced(row.getObject("id", UUID.class), row.getObject("api_id", UUID.class), row.getObject("plan_id", UUID.class),
                        row.getString("api_name") + " / " + row.getString("plan_name"), Sql.instant(row, "since")),
                tenant, applicationId, before);
    }
}
