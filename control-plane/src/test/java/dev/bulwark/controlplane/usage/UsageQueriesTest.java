package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.event.UsageEvent;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.Granularity;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.kernel.TimeRange;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class UsageQueriesTest extends RealDatabaseTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final TenantId TENANT_A = new TenantId(UUID.randomUUID());
    private static final TenantId TENANT_B = new TenantId(UUID.randomUUID());
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    UsageQueries queries;

    @BeforeAll
    void ingest() {
        IngestionWriter writer = new IngestionWriter(transactions, new DailyPartitions("ingested_event", transactions),
                new DailyPartitions("security_event", transactions), new DailyPartitions("usage_minute", transactions),
                IngestionWriter.Checkpoint.NONE);
        List<DeliveredEvent> batch = new ArrayList<>();
        // Tenant A, minute 0: three requests on api-1 (two by app-1, one anonymous), one of them a 500.
        batch.add(event(TENANT_A, "api-1", "app-1", HOUR.plusSeconds(5), 200, 1_000));
        batch.add(event(TENANT_A, "api-1", "app-1", HOUR.plusSeconds(6), 200, 2_000));
        batch.add(event(TENANT_A, "api-1", null, HOUR.plusSeconds(7), 500, 100_000));
        // Tenant A, minute 2: one request on api-2 by app-2.
        batch.add(event(TENANT_A, "api-2", "app-2", HOUR.plusSeconds(125), 429, 300));
        // Tenant A, next hour.
        batch.add(event(TENANT_A, "api-1", "app-1", HOUR.plus(Duration.ofMinutes(61)), 201, 700));
        // Tenant B: same ids, must never show up in A's numbers.
        for (int i = 0; i < 7; i++) {
            batch.add(event(TENANT_B, "api-1", "app-1", HOUR.plusSeconds(5), 200, 1_000));
        }
        writer.write(batch);
    }

    private static DeliveredEvent event(TenantId tenant, String api, String app, Instant at, int status, long latencyMicros) {
        UsageEvent usage = new UsageEvent("r", at, "production", tenant.toString(), api, app, null, null, "GET", status,
                latencyMicros, 0, 100, 900);
        return new DeliveredEvent("q-" + IDS.incrementAndGet(), tenant.value(), usage);
    }

    private static TimeRange minutes(int from, int to) {
        return new TimeRange(HOUR.plus(Duration.ofMinutes(from)), HOUR.plus(Duration.ofMinutes(to)));
    }

    @Test
    void minuteSeriesIsZeroFilledAndEstimatesPercentilesFromTheHistogram() {
        UsageViews.Timeseries series = queries.timeseries(TENANT_A, new UsageQueries.Filter(null, null), minutes(0, 3), Granularity.MINUTE);

        assertThat(series.points()).extracting(UsagePoint::requests).containsExactly(3L, 0L, 1L);
        assertThat(series.points()).extracting(UsagePoint::errors).containsExactly(1L, 0L, 1L);
        assertThat(series.points()).extracting(UsagePoint::t)
                .containsExactly(HOUR, HOUR.plus(Duration.ofMinutes(1)), HOUR.plus(Duration.ofMinutes(2)));
        UsagePoint first = series.points().getFirst();
        assertThat(first.bytes()).isEqualTo(3_000);
        assertThat(first.p50()).isBetween(1.6, 2.263);   // 2 ms lies in the bucket (1.6, 2.263] ms
        assertThat(first.p99()).isBetween(72.408, 102.4); // 100 ms lies in the bucket (72.408, 102.4] ms
        assertThat(first.avgLatency()).isEqualTo(34.333);
        assertThat(series.points().get(1).p50()).isNull();
    }

    @Test
    void hourAndDaySeriesSumTheMinutesAndFiltersNarrowWithinTheTenant() {
        TimeRange twoHours = new TimeRange(HOUR, HOUR.plus(Duration.ofHours(2)));
        assertThat(queries.timeseries(TENANT_A, new UsageQueries.Filter(null, null), twoHours, Granularity.HOUR).points())
                .extracting(UsagePoint::requests).containsExactly(4L, 1L);
        assertThat(queries.timeseries(TENANT_A, new UsageQueries.Filter("api-1", null), twoHours, Granularity.HOUR).points())
                .extracting(UsagePoint::requests).containsExactly(3L, 1L);
        assertThat(queries.timeseries(TENANT_A, new UsageQueries.Filter("api-1", "app-1"), twoHours, Granularity.HOUR).points())
                .extracting(UsagePoint::requests).containsExactly(2L, 1L);
        assertThat(queries.timeseries(TENANT_B, new UsageQueries.Filter(null, null), twoHours, Granularity.DAY).points())
                .extracting(UsagePoint::requests).contains(7L).doesNotContain(12L);
    }

    @Test
    void topConsumersRankApplicationsByRequestsAndNameAnonymousTrafficNull() {
        TimeRange twoHours = new TimeRange(HOUR, HOUR.plus(Duration.ofHours(2)));
        UsageViews.TopConsumers top = queries.topConsumers(TENANT_A, null, twoHours, 10);
        assertThat(top.items()).extracting(UsageViews.Consumer::applicationId).containsExactly("app-1", null, "app-2");
        assertThat(top.items()).extracting(UsageViews.Consumer::requests).containsExactly(3L, 1L, 1L);
        assertThat(queries.topConsumers(TENANT_A, "api-2", twoHours, 10).items())
                .extracting(UsageViews.Consumer::applicationId).containsExactly("app-2");
        assertThat(queries.topConsumers(TENANT_A, null, twoHours, 1).items()).hasSize(1);
    }

    @Test
    void totalsOverMoreThanADayComeFromTheHourlyRollupsWithTheRangeWidenedToWholeHours() {
        TimeRange threeDays = new TimeRange(HOUR.minus(Duration.ofDays(2)).plusSeconds(90), HOUR.plus(Duration.ofHours(2)).minusSeconds(30));
        UsageViews.TopConsumers top = queries.topConsumers(TENANT_A, null, threeDays, 10);
        assertThat(top.from()).isEqualTo(HOUR.minus(Duration.ofDays(2)));
        assertThat(top.to()).isEqualTo(HOUR.plus(Duration.ofHours(2)));
        assertThat(top.items()).extracting(UsageViews.Consumer::requests).containsExactly(3L, 1L, 1L);
        assertThat(queries.statusClasses(TENANT_A, new UsageQueries.Filter(null, null), threeDays).total()).isEqualTo(5);
        assertThat(queries.statusClasses(TENANT_B, new UsageQueries.Filter(null, null), threeDays).total()).isEqualTo(7);
    }

    @Test
    void statusBreakdownAlwaysNamesAllFiveClasses() {
        UsageViews.StatusBreakdown status = queries.statusClasses(TENANT_A, new UsageQueries.Filter(null, null),
                new TimeRange(HOUR, HOUR.plus(Duration.ofHours(2))));
        assertThat(status.counts()).containsExactly(
                java.util.Map.entry("1xx", 0L), java.util.Map.entry("2xx", 3L), java.util.Map.entry("3xx", 0L),
                java.util.Map.entry("4xx", 1L), java.util.Map.entry("5xx", 1L));
        assertThat(status.total()).isEqualTo(5);
    }

    @Test
    void oversizedRangesAndBadParametersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> queries.timeseries(TENANT_A, new UsageQueries.Filter(null, null),
                new TimeRange(HOUR.minus(Duration.ofDays(3)), HOUR), Granularity.MINUTE))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().getFirst().path()).isEqualTo("from"));
        assertThatThrownBy(() -> Granularity.parse("week"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().getFirst().path()).isEqualTo("granularity"));
        assertThatThrownBy(() -> TimeRange.parse("yesterday", null, Duration.ofHours(1), Instant.now()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().getFirst().path()).isEqualTo("from"));
        assertThatThrownBy(() -> TimeRange.limit("0", 10, 100))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors().getFirst().path()).isEqualTo("limit"));
        assertThatThrownBy(() -> new TimeRange(HOUR, HOUR)).isInstanceOf(ProblemException.class);
    }
}
