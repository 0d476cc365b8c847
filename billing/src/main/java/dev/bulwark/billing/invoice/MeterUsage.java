package dev.bulwark.billing.invoice;

import dev.bulwark.billing.period.Interval;
import java.util.Objects;

/**
 * The quantities behind a meter's charges for one plan segment, so an invoice can be explained:
 * {@code overage = max(0, used - included)}, and {@code billed} is false under a hard cap, where
 * overage is reported but never charged.
 */
public record MeterUsage(String planId, String meter, Interval interval, long used, long included, long overage,
        boolean billed) {

    public MeterUsage {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(interval, "interval");
    }
}
