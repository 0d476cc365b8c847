package dev.bulwark.billing.plan;

import dev.bulwark.billing.money.Money;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A price plan: a flat monthly fee plus usage pricing per meter, all in one currency. Instances
 * are only checked for nulls; {@link PlanValidator} checks the business rules and reports every
 * broken one with its path, which is what a plan editor needs.
 */
public record PricePlan(String id, Currency currency, Money monthlyFee, List<MeterPrice> meters) {

    public PricePlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(monthlyFee, "monthlyFee");
        meters = List.copyOf(meters);
    }

    public Optional<MeterPrice> meter(String name) {
        return meters.stream().filter(m -> m.meter().equals(name)).findFirst();
    }
}
