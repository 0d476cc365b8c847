package dev.bulwark.dataplane.policy.quota;

import dev.bulwark.contracts.policy.QuotaPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Calendar periods in a time zone: which one an instant falls in, and when it ends. Pure. */
final class QuotaPeriods {
    private QuotaPeriods() {
    }

    /** @param label e.g. {@code 2026-11-27} or {@code 2026-11}; {@code end} is the first instant of the next period */
    record Current(String label, Instant end) {
    }

    static Current at(Instant now, QuotaPeriod period, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return switch (period) {
            case DAY -> new Current(today.toString(), today.plusDays(1).atStartOfDay(zone).toInstant());
            case MONTH -> {
                LocalDate first = today.withDayOfMonth(1);
                ZonedDateTime next = first.plusMonths(1).atStartOfDay(zone);
                yield new Current(first.toString().substring(0, 7), next.toInstant());
            }
        };
    }
}
