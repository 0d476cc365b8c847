package dev.bulwark.billing.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @Test
    void monthStartsAndEndsAtLocalMidnight() {
        BillingPeriod january = BillingPeriod.of(2025, 1, PARIS);

        // Paris is UTC+1 in winter.
        assertThat(january.start()).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        assertThat(january.end()).isEqualTo(Instant.parse("2025-01-31T23:00:00Z"));
    }

    @Test
    void lastSecondOfTheMonthAndFirstOfTheNextFallInDifferentPeriods() {
        BillingPeriod january = BillingPeriod.of(2025, 1, PARIS);
        Instant lastSecond = paris("2025-01-31T23:59:59");
        Instant midnight = paris("2025-02-01T00:00:00");

        assertThat(january.contains(lastSecond)).isTrue();
        assertThat(january.contains(midnight)).isFalse();
        assertThat(january.next().contains(midnight)).isTrue();
        assertThat(BillingPeriod.containing(midnight, PARIS).month()).isEqualTo(YearMonth.of(2025, 2));
        // Same instant, different customer zone, different month.
        assertThat(BillingPeriod.containing(lastSecond, ZoneId.of("UTC")).month()).isEqualTo(YearMonth.of(2025, 1));
        assertThat(BillingPeriod.containing(midnight, ZoneId.of("UTC")).month()).isEqualTo(YearMonth.of(2025, 1));
    }

    @Test
    void daylightSavingMonthsAreAnHourShortOrLong() {
        // 31 days = 2,678,400 s; clocks go forward on 30 March and back on 26 October 2025.
        assertThat(BillingPeriod.of(2025, 3, PARIS).interval().seconds()).isEqualTo(2_678_400 - 3_600);
        assertThat(BillingPeriod.of(2025, 10, PARIS).interval().seconds()).isEqualTo(2_678_400 + 3_600);
        assertThat(BillingPeriod.of(2025, 1, PARIS).interval().seconds()).isEqualTo(2_678_400);
    }

    @Test
    void intervalsAreHalfOpen() {
        Interval interval = new Interval(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"));

        assertThat(interval.contains(interval.start())).isTrue();
        assertThat(interval.contains(interval.end())).isFalse();
        assertThat(interval.seconds()).isEqualTo(86_400);
    }

    @Test
    void intersectionOfAdjacentIntervalsIsEmpty() {
        Interval a = new Interval(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z"));
        Interval b = new Interval(Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-03T00:00:00Z"));
        Interval c = new Interval(Instant.parse("2025-01-01T12:00:00Z"), Instant.parse("2025-01-05T00:00:00Z"));

        assertThat(a.intersection(b)).isEmpty();
        assertThat(a.intersection(c)).contains(new Interval(c.start(), a.end()));
    }

    @Test
    void emptyOrReversedIntervalIsRejected() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        assertThatThrownBy(() -> new Interval(now, now)).isInstanceOf(IllegalArgumentException.class);
    }
}
