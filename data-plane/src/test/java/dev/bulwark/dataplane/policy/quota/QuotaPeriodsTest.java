package dev.bulwark.dataplane.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.QuotaPeriod;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuotaPeriodsTest {
    @Test
    void periodsFollowTheConfiguredZoneNotUtc() {
        Instant lateUtc = Instant.parse("2026-11-30T23:30:00Z");
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(QuotaPeriods.at(lateUtc, QuotaPeriod.DAY, ZoneId.of("UTC")))
                .isEqualTo(new QuotaPeriods.Current("2026-11-30", Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(QuotaPeriods.at(lateUtc, QuotaPeriod.DAY, paris))
                .isEqualTo(new QuotaPeriods.Current("2026-12-01", Instant.parse("2026-12-01T23:00:00Z")));
        assertThat(QuotaPeriods.at(lateUtc, QuotaPeriod.MONTH, paris))
                .isEqualTo(new QuotaPeriods.Current("2026-12", Instant.parse("2026-12-31T23:00:00Z")));
    }

    @Test
    void aDaylightSavingDayEndsAtTheRealMidnight() {
        // Paris leaves summer time on 2026-10-25: that day lasts 25 hours.
        QuotaPeriods.Current day = QuotaPeriods.at(Instant.parse("2026-10-25T10:00:00Z"), QuotaPeriod.DAY, ZoneId.of("Europe/Paris"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }
}
