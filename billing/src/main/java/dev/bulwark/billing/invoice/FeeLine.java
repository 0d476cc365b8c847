package dev.bulwark.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.Interval;
import java.util.Objects;

/**
 * A plan's monthly fee for the part of the period it was active: fee × billedSeconds /
 * periodSeconds, rounded once.
 */
public record FeeLine(String planId, Interval interval, long billedSeconds, long periodSeconds, Money amount,
        String description) implements InvoiceLine {

    public FeeLine {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(description, "description");
    }

    public boolean isProrated() {
        return billedSeconds != periodSeconds;
    }
}
