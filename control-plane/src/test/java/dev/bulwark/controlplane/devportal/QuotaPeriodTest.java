package dev.bulwark.controlplane.devportal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.QuotaPeriod;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuotaPeriodTest {

    @Test
    void daysAndMonthsStartAtLocalMidnightOfTheQuotasTimeZone() {
        Instant now = Instant.parse("2026-11-28T01:30:00Z");
        assertThat(DeveloperQuota.Period.containing(now, QuotaPeriod.DAY, ZoneId.of("UTC")))
                .isEqualTo(new DeveloperQuota.Period(Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-11-29T00:00:00Z")));
        // 01:30 UTC is 07:00 in Kolkata (+05:30): still the 28th there.
        assertThat(DeveloperQuota.Period.containing(now, QuotaPeriod.MONTH, ZoneId.of("Asia/Kolkata")))
                .isEqualTo(new DeveloperQuota.Period(Instant.parse("2026-10-31T18:30:00Z"), Instant.parse("2026-11-30T18:30:00Z")));
        // 01:30 UTC is still the 27th in New York.
        assertThat(DeveloperQuota.Period.containing(now, QuotaPeriod.DAY, ZoneId.of("America/New_York")).start())
                .isEqualTo(Instant.parse("2026-11-27T05:00:00Z"));
    }

    @Test
    void everyInstantLiesInItsPeriodWhichBeginsAtALocalDayStart() {
        SplittableRandom random = new SplittableRandom(20261128);
        List<ZoneId> zones = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("America/Sao_Paulo"),
                ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu"));
        for (int i = 0; i < 5_000; i++) {
            Instant now = Instant.ofEpochSecond(random.nextLong(1_600_000_000L, 2_000_000_000L));
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            QuotaPeriod kind = random.nextBoolean() ? QuotaPeriod.DAY : QuotaPeriod.MONTH;
            DeveloperQuota.Period period = DeveloperQuota.Period.containing(now, kind, zone);
            assertThat(period.start()).as("%s %s %s", now, zone, kind).isBeforeOrEqualTo(now);
            assertThat(period.end()).as("%s %s %s", now, zone, kind).isAfter(now);
            assertThat(period.start()).isEqualTo(period.start().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
            if (kind == QuotaPeriod.MONTH) {
                assertThat(period.start().atZone(zone).getDayOfMonth()).isEqualTo(1);
            }
            assertThat(period.end().atZone(zone).toLocalTime()).isIn(LocalTime.MIDNIGHT, LocalTime.of(1, 0), LocalTime.of(0, 30));
        }
    }
}
