package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.plan.MeterPrice;
import dev.bulwark.billing.plan.Overage;
import dev.bulwark.billing.plan.PricePlan;
import dev.bulwark.billing.plan.PriceTier;
import dev.bulwark.controlplane.billing.BillingPlan;
import java.util.Currency;
import java.util.List;

/** A tenant plan as the pricing library prices it: the fee, and one meter, {@code requests}. */
final class PricePlans {
    static final String REQUESTS = "requests";

    private PricePlans() {
    }

    static PricePlan of(BillingPlan plan) {
        Currency currency = Currency.getInstance(plan.currency());
        Overage overage = plan.throttlesRequests() ? Overage.hardCap()
                : Overage.graduated(List.of(PriceTier.unbounded(Money.of(plan.overageUnitPrice(), currency))));
        return new PricePlan(plan.id(), currency, Money.of(plan.monthlyFee(), currency),
                List.of(new MeterPrice(REQUESTS, plan.includedRequests(), overage)));
    }
}
