package dev.bulwark.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.Interval;

/** A billed amount, already rounded to the currency's minor unit. */
public sealed interface InvoiceLine permits FeeLine, UsageLine {

    String planId();

    /** The part of the billing period the line covers. */
    Interval interval();

    Money amount();

    String description();
}
