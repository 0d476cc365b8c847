package dev.bulwark.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.billing.period.BillingPeriod;
import dev.bulwark.billing.period.Interval;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageAggregatorTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Interval JANUARY = BillingPeriod.of(2025, 1, PARIS).interval();
    private static final Interval FEBRUARY = BillingPeriod.of(2025, 2, PARIS).interval();

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    private static UsageRecord record(String id, String meter, long quantity, String parisTime) {
        return new UsageRecord(id, "sub-1", meter, quantity, paris(parisTime));
    }

    @Test
    void sumsPerMeter() {
        List<UsageRecord> records = List.of(
                record("a", "requests", 100, "2025-01-10T10:00:00"),
                record("b", "requests", 50, "2025-01-11T10:00:00"),
                record("c", "egress_bytes", 2_048, "2025-01-12T10:00:00"));

        MeteredUsage usage = UsageAggregator.aggregate("sub-1", JANUARY, records);

        assertThat(usage.quantities()).containsExactly(
                Map.entry("egress_bytes", 2_048L), Map.entry("requests", 150L));
        assertThat(usage.quantity("unknown")).isZero();
    }

    @Test
    void lastSecondOfJanuaryAndParisMidnightGoToDifferentMonths() {
        List<UsageRecord> records = List.of(
                record("late", "requests", 7, "2025-01-31T23:59:59"),
                record("midnight", "requests", 11, "2025-02-01T00:00:00"));

        assertThat(UsageAggregator.aggregate("sub-1", JANUARY, records).quantity("requests")).isEqualTo(7);
        assertThat(UsageAggregator.aggregate("sub-1", FEBRUARY, records).quantity("requests")).isEqualTo(11);
    }

    @Test
    void retriedRecordsAreCountedOnce() {
        UsageRecord once = record("evt-42", "requests", 1_000, "2025-01-15T12:00:00");

        MeteredUsage usage = UsageAggregator.aggregate("sub-1", JANUARY, List.of(once, once, once));

        assertThat(usage.quantity("requests")).isEqualTo(1_000);
        assertThat(usage.duplicatesIgnored()).isEqualTo(2);
    }

    @Test
    void differentRecordsUnderOneIdAreRefused() {
        List<UsageRecord> records = List.of(
                record("evt-42", "requests", 1_000, "2025-01-15T12:00:00"),
                record("evt-42", "requests", 9_000, "2025-01-15T12:00:00"));

        assertThatThrownBy(() -> UsageAggregator.aggregate("sub-1", JANUARY, records))
                .isInstanceOf(ConflictingUsageException.class)
                .hasMessageContaining("evt-42");
    }

    @Test
    void otherSubscriptionsAreLeftOut() {
        List<UsageRecord> records = List.of(
                record("a", "requests", 1, "2025-01-15T12:00:00"),
                new UsageRecord("b", "sub-2", "requests", 99, paris("2025-01-15T12:00:00")));

        assertThat(UsageAggregator.aggregate("sub-1", JANUARY, records).quantity("requests")).isEqualTo(1);
    }

    @Test
    void resultDoesNotDependOnArrivalOrder() {
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(record("r" + i, i % 2 == 0 ? "requests" : "egress_bytes", i, "2025-01-20T08:00:00"));
        }
        records.add(records.get(3));
        MeteredUsage forward = UsageAggregator.aggregate("sub-1", JANUARY, records);
        Collections.reverse(records);

        assertThat(UsageAggregator.aggregate("sub-1", JANUARY, records)).isEqualTo(forward);
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        List<UsageRecord> records = List.of(
                record("a", "requests", Long.MAX_VALUE, "2025-01-15T12:00:00"),
                record("b", "requests", 1, "2025-01-15T12:00:00"));

        assertThatThrownBy(() -> UsageAggregator.aggregate("sub-1", JANUARY, records))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void recordsAreValidatedOnCreation() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        assertThatThrownBy(() -> new UsageRecord("a", "sub-1", "requests", -1, now))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new UsageRecord(" ", "sub-1", "requests", 1, now)).hasMessageContaining("id");
    }
}
