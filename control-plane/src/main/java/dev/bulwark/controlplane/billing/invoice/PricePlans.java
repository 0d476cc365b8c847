package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.plan.MeterPrice;
import dev.bulwark.billing.plan.Overage;
import dev.bulwark.billing.plan.PricePlan;
import dev.bulwark.billing.plan.PriceTier;
import dev.bulwark.controlplane.billing.BillingPlan;
import dev.bulwark.controlplane.sql.Sql;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/** A tenant plan as the pricing library prices it: the fee, and one meter, {@code requests}. */
final class PricePlans {
    static final String REQUESTS = "requests";

    private PricePlans() {
    }

    /** A price version of a plan, in force from {@code from}. */
    record Version(Instant from, PricePlan plan) {
    }

    /** The versions of {@code plan}'s price in force at some time in {@code [from, until)}, oldest first. */
    static List<Version> versions(Sql sql, BillingPlan plan, Instant from, Instant until) {
        List<Version> versions = sql.list("SELECT * FROM billing_plan_price WHERE plan_id = ? AND effective_from < ? AND effective_from >= coalesce("
                        + "(SELECT max(effective_from) FROM billing_plan_price WHERE plan_id = ? AND effective_from <= ?), '-infinity') "
                        + "ORDER BY effective_from",
                row -> new Version(Sql.instant(row, "effective_from"), of(new BillingPlan(plan.id(), plan.name(), row.getString("currency"),
                        row.getBigDecimal("monthly_fee"), row.getLong("included_requests"), row.getString("request_overage"),
                        row.getBigDecimal("overage_unit_price"), plan.maxApis(), plan.maxDataPlanes(), plan.maxMembers(), plan.maxScanRuns(),
                        plan.retentionDays(), plan.selfService(), plan.position()))),
                plan.id(), until, plan.id(), from);
        // Every plan row gets a version when written (a trigger); a row written around it is priced as it stands.
        return versions.isEmpty() ? List.of(new Version(from, of(plan))) : versions;
    }

    static PricePlan of(BillingPlan plan) {
        Currency currency = Currency.getInstance(plan.currency());
        Overage overage = plan.throttlesRequests() ? Overage.hardCap()
                : Overage.graduated(List.of(PriceTier.unbounded(Money.of(plan.overageUnitPrice(), currency))));
        return new PricePlan(plan.id(), currency, Money.of(plan.monthlyFee(), currency),
                List.of(new MeterPrice(REQUESTS, plan.includedRequests(), overage)));
    }
}
