package dev.bulwark.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.BillingPeriod;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * One subscription's bill for one period. The subtotal is the sum of the already-rounded lines, so
 * the invoice adds up exactly as printed. The total equals the subtotal until taxes and credits
 * exist; the constructor holds both invariants.
 */
public record Invoice(String subscriptionId, BillingPeriod period, Currency currency, List<InvoiceLine> lines,
        List<MeterUsage> usage, Money subtotal, Money total) {

    public Invoice {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        usage = List.copyOf(usage);
        Money sum = lines.stream().map(InvoiceLine::amount).reduce(Money.zero(currency), Money::plus);
        for (InvoiceLine line : lines) {
            if (!line.amount().isRounded()) {
                throw new IllegalArgumentException("Line amount is not rounded to the minor unit: " + line);
            }
        }
        if (!sum.equals(subtotal)) {
            throw new IllegalArgumentException("Subtotal " + subtotal + " is not the sum of the lines, " + sum);
        }
        if (!subtotal.equals(total)) {
            throw new IllegalArgumentException("Total " + total + " differs from subtotal " + subtotal);
        }
    }
}
