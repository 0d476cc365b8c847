package dev.bulwark.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.Interval;
import java.util.Objects;

/** Overage units of one meter billed at one tier: quantity × unitPrice + flatFee, rounded once. */
public record UsageLine(String planId, String meter, Interval interval, int tierIndex, long quantity,
        Money unitPrice, Money flatFee, Money amount, String description) implements InvoiceLine {

    public UsageLine {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(flatFee, "flatFee");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
    }
}
