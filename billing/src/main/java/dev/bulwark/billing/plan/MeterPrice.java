package dev.bulwark.billing.plan;

import java.util.Objects;

/** How a plan prices one meter (e.g. {@code requests}): an allowance, then overage handling. */
public record MeterPrice(String meter, long includedUnits, Overage overage) {

    public MeterPrice {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(overage, "overage");
    }
}
