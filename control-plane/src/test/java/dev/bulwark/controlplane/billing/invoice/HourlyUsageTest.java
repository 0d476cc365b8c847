package dev.bulwark.controlplane.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The hour in which a customer started is billed from the start; earlier whole hours are not moved. */
class HourlyUsageTest {
    private static final Instant START = Instant.parse("2026-03-16T10:48:57Z");

    @Test
    void theHourOfTheStartIsBilledFromTheStart() {
        assertThat(HourlyUsage.billedAt(Instant.parse("2026-03-16T10:00:00Z"), START)).isEqualTo(START);
    }

    @Test
    void earlierHoursAndLaterHoursKeepTheirTime() {
        assertThat(HourlyUsage.billedAt(Instant.parse("2026-03-16T09:00:00Z"), START)).isEqualTo(Instant.parse("2026-03-16T09:00:00Z"));
        assertThat(HourlyUsage.billedAt(Instant.parse("2026-03-16T11:00:00Z"), START)).isEqualTo(Instant.parse("2026-03-16T11:00:00Z"));
        Instant onTheHour = Instant.parse("2026-03-16T10:00:00Z");
        assertThat(HourlyUsage.billedAt(onTheHour, onTheHour)).isEqualTo(onTheHour);
    }
}
