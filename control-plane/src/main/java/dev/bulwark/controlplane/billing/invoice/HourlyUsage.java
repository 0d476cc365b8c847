package dev.bulwark.controlplane.billing.invoice;

import java.time.Duration;
import java.time.Instant;

/**
 * Where an hourly rollup row is billed. The row carries its hour's start, so the hour in which a
 * tenant or a subscription started would fall before that start and never be billed; the rollup
 * cannot tell the minutes apart, and nothing before the start reaches that customer's rows, so
 * that one hour is billed from the start. Whole hours before the start stay out.
 */
public final class HourlyUsage {
    private static final Duration HOUR = Duration.ofHours(1);

    private HourlyUsage() {
    }

    public static Instant billedAt(Instant hour, Instant start) {
        return hour.isBefore(start) && hour.plus(HOUR).isAfter(start) ? start : hour;
    }
}
