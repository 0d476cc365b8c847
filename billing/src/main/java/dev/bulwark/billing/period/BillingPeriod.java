package dev.bulwark.billing.period;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A calendar month in the customer's time zone: what "March" means on their invoice. Its length
 * in seconds varies (28 to 31 days, and a daylight-saving month is an hour shorter or longer),
 * which is why proration uses {@link #interval()} and never a nominal month.
 */
public record BillingPeriod(YearMonth month, ZoneId zone) {

    public BillingPeriod {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
    }

    public static BillingPeriod of(int year, int month, ZoneId zone) {
        return new BillingPeriod(YearMonth.of(year, month), zone);
    }

    public static BillingPeriod containing(Instant instant, ZoneId zone) {
        return new BillingPeriod(YearMonth.from(instant.atZone(zone)), zone);
    }

    /** First instant of the month: local midnight of day 1 (or the first valid time if a DST gap swallows it). */
    public Instant start() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** First instant of the next month, excluded. */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public Interval interval() {
        return new Interval(start(), end());
    }

    public boolean contains(Instant instant) {
        return interval().contains(instant);
    }

    public BillingPeriod next() {
        return new BillingPeriod(month.plusMonths(1), zone);
    }
}
