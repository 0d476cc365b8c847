package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.CatalogTestSupport;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.testing.RealServices;
import dev.bulwark.testing.TestRedis;
import io.lettuce.core.RedisCommandExecutionException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class EventIngestionTest extends RealDatabaseTest {
    private static final String GROUP = "bulwark-control-plane";

    @Inject
    IngestionLoops loops;
    @Inject
    dev.bulwark.controlplane.api.CatalogScenario scenario;
    @Inject
    ApiKeyService keys;

    private TestRedis redis;
    private StreamFixture streams;
    private final List<Thread> threads = new ArrayList<>();
    private final List<StreamIngestionLoop> running = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        redis = RealServices.newRedisPrefix();
        streams = new StreamFixture(redis.uri(), redis.keyPrefix());
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.redis.url", redis.uri());
        properties.put("bulwark.redis.key-prefix", redis.keyPrefix());
        return properties;
    }

    @AfterEach
    void haltLoops() throws InterruptedException {
        running.forEach(StreamIngestionLoop::halt);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        running.clear();
        threads.clear();
    }

    @AfterAll
    void removeKeys() {
        streams.close();
        redis.close();
    }

    static TelemetrySettings fast() {
        return new TelemetrySettings(false, GROUP, "", 50, Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(100), Duration.ofDays(30), Duration.ofDays(7), 2, Duration.ofDays(14), Duration.ofDays(400));
    }

    private StreamIngestionLoop start(String consumer, IngestionWriter.Checkpoint checkpoint) {
        StreamIngestionLoop loop = loops.create(consumer, fast(), checkpoint);
        running.add(loop);
        threads.add(Thread.ofPlatform().name("test-ingester-" + consumer).start(loop));
        return loop;
    }

    @Test
    void legacyPerRequestEventsAreStillRolledUpPerMinuteAndARepeatedDeliveryIdCountsOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        streams.add(EventStreams.Kind.USAGE, "d-1", StreamFixture.usage(tenant, "api-1", "app-1", minute.plusSeconds(1), 200, 1_000));
        streams.add(EventStreams.Kind.USAGE, "d-2", StreamFixture.usage(tenant, "api-1", "app-1", minute.plusSeconds(2), 204, 3_000));
        streams.add(EventStreams.Kind.USAGE, "d-3", StreamFixture.usage(tenant, "api-1", "app-1", minute.plusSeconds(3), 503, 90));
        streams.add(EventStreams.Kind.USAGE, "d-4", StreamFixture.usage(tenant, "api-1", null, minute.plusSeconds(4), 401, 150));
        // The producer retried d-2 after a lost reply: a second stream entry with the same delivery id.
        streams.add(EventStreams.Kind.USAGE, "d-2", StreamFixture.usage(tenant, "api-1", "app-1", minute.plusSeconds(2), 204, 3_000));

        start("c1", IngestionWriter.Checkpoint.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> requests(tenant) == 4);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.pending(EventStreams.Kind.USAGE, GROUP) == 0);

        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("""
                     SELECT application_id, status_class, requests, errors, request_bytes, response_bytes,
                            latency_sum_micros, latency_buckets, minute FROM usage_minute
                     WHERE tenant_id = '%s' ORDER BY application_id, status_class""".formatted(tenant))) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEmpty(); // no application: stored as ''
            assertThat(rows.getInt(2)).isEqualTo(4);
            assertThat(rows.getLong(4)).isEqualTo(1);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("app-1");
            assertThat(rows.getInt(2)).isEqualTo(2);
            assertThat(rows.getLong(3)).isEqualTo(2);
            assertThat(rows.getLong(4)).isZero();
            assertThat(rows.getLong(5)).isEqualTo(200);
            assertThat(rows.getLong(6)).isEqualTo(2_000);
            assertThat(rows.getLong(7)).isEqualTo(4_000);
            Long[] buckets = (Long[]) rows.getArray(8).getArray();
            assertThat(buckets).hasSize(LatencyHistogram.BUCKETS);
            assertThat(buckets[LatencyHistogram.bucketOf(1_000)]).isEqualTo(1);
            assertThat(buckets[LatencyHistogram.bucketOf(3_000)]).isEqualTo(1);
            assertThat(rows.getTimestamp(9).toInstant()).isEqualTo(minute);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(2)).isEqualTo(5);
            assertThat(rows.getLong(4)).isEqualTo(1);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aggregatesAddTheirCountsAndHistogramsNextToLegacyEventsAndARepeatedDeliveryIdCountsOnce() throws Exception {
        UUID tenant = UUID.randomUUID();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.MINUTES);
        // Two event loops' aggregates for the same row, and a legacy entry written before the upgrade.
        streams.addAggregate("a-1", StreamFixture.aggregate(tenant, "api-1", "app-1", null, minute, 2, 1_000, 1_000, 3_000));
        streams.addAggregate("a-2", StreamFixture.aggregate(tenant, "api-1", "app-1", null, minute, 2, 50_000));
        streams.add(EventStreams.Kind.USAGE, "a-legacy", StreamFixture.usage(tenant, "api-1", "app-1", minute.plusSeconds(7), 201, 3_000));
        streams.addAggregate("a-3", StreamFixture.aggregate(tenant, "api-1", "app-1", null, minute, 5, 90, 90));
        // The gateway retried a-1 after a lost reply.
        streams.addAggregate("a-1", StreamFixture.aggregate(tenant, "api-1", "app-1", null, minute, 2, 1_000, 1_000, 3_000));

        start("c-agg", IngestionWriter.Checkpoint.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.pending(EventStreams.Kind.USAGE, GROUP) == 0 && requests(tenant) == 7);

        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("""
                     SELECT status_class, requests, errors, request_bytes, response_bytes, latency_sum_micros, latency_buckets,
                            minute FROM usage_minute WHERE tenant_id = '%s' ORDER BY status_class""".formatted(tenant))) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(2);
            assertThat(rows.getLong(2)).isEqualTo(5);
            assertThat(rows.getLong(3)).isZero();
            assertThat(rows.getLong(4)).isEqualTo(500);
            assertThat(rows.getLong(5)).isEqualTo(5_000);
            assertThat(rows.getLong(6)).isEqualTo(58_000);
            Long[] buckets = (Long[]) rows.getArray(7).getArray();
            assertThat(buckets[LatencyHistogram.bucketOf(1_000)]).isEqualTo(2);
            assertThat(buckets[LatencyHistogram.bucketOf(3_000)]).isEqualTo(2);
            assertThat(buckets[LatencyHistogram.bucketOf(50_000)]).isEqualTo(1);
            assertThat(java.util.Arrays.stream(buckets).mapToLong(Long::longValue).sum()).isEqualTo(5);
            assertThat(rows.getTimestamp(8).toInstant()).isEqualTo(minute);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(5);
            assertThat(rows.getLong(2)).isEqualTo(2);
            assertThat(rows.getLong(3)).isEqualTo(2); // a 5xx aggregate counts all its requests as errors
            assertThat(rows.next()).isFalse();
        }
        assertThat(count("SELECT sum(requests) FROM usage_hour WHERE tenant_id = '" + tenant + "'")).isEqualTo(7);
    }

    @Test
    void malformedAggregatesAreRefusedAcknowledgedAndCountNothing() throws Exception {
        UUID tenant = UUID.randomUUID();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.MINUTES);
        UsageAggregate good = StreamFixture.aggregate(tenant, "api-1", null, null, minute, 2, 500, 700);
        long[] short1 = java.util.Arrays.copyOf(good.latencyBuckets(), 39);
        long[] wrongSum = good.latencyBuckets().clone();
        wrongSum[0] += 1;
        streams.addAggregate("m-buckets", copy(good, good.minute(), good.lastAt(), good.statusClass(), short1));
        streams.addAggregate("m-sum", copy(good, good.minute(), good.lastAt(), good.statusClass(), wrongSum));
        streams.addAggregate("m-minute", copy(good, good.minute().plusSeconds(1), good.lastAt(), good.statusClass(), good.latencyBuckets()));
        streams.addAggregate("m-last", copy(good, good.minute(), good.minute().plusSeconds(60), good.statusClass(), good.latencyBuckets()));
        streams.addAggregate("m-class", copy(good, good.minute(), good.lastAt(), 7, good.latencyBuckets()));
        // version 2 means an aggregate only on the usage stream
        streams.addRaw(EventStreams.Kind.SECURITY, Map.of("id", "m-sec", "v", "2", "e", "{}"));
        streams.addAggregate("m-good", good);

        start("c-malformed", IngestionWriter.Checkpoint.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.pending(EventStreams.Kind.USAGE, GROUP) == 0
                && streams.pending(EventStreams.Kind.SECURITY, GROUP) == 0 && requests(tenant) == 2);
        assertThat(count("SELECT count(*) FROM ingested_event WHERE delivery_id LIKE 'm-%'")).isEqualTo(1);
    }

    private static UsageAggregate copy(UsageAggregate a, Instant minute, Instant lastAt, int statusClass, long[] buckets) {
        return new UsageAggregate(minute, lastAt, a.tenantId(), a.apiId(), a.applicationId(), a.keyId(), statusClass, a.requests(),
                a.requestBytes(), a.responseBytes(), a.latencySumMicros(), buckets);
    }

    @Test
    void usageMovesTheKeysLastUsedTimeForwardOnlyWithinTheReportedTenant() throws Exception {
        Principal owner = CatalogTestSupport.newTenant(database, Role.OWNER);
        Principal stranger = CatalogTestSupport.newTenant(database, Role.OWNER);
        UUID application = scenario.application(owner, "last-used").id();
        UUID keyId = keys.create(owner, application, new ApiKeyService.CreateKey("k", List.of(), null, "production")).id();
        Instant later = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Instant earlier = later.minusSeconds(600);
        UUID tenant = owner.tenantId().value();
        streams.add(EventStreams.Kind.USAGE, "k-1", withKey(StreamFixture.usage(tenant, "api-1", application.toString(), later, 200, 500), keyId));
        streams.add(EventStreams.Kind.USAGE, "k-2", withKey(StreamFixture.usage(tenant, "api-1", application.toString(), earlier, 200, 500), keyId));
        // An aggregate's last request moves it too; this one ends before the legacy event above.
        Instant aggregateMinute = later.truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        streams.addAggregate("k-agg", StreamFixture.aggregate(tenant, "api-1", application.toString(), keyId.toString(),
                aggregateMinute, 2, 500, 600));
        // An event reported for another tenant that names this key must not touch it.
        streams.add(EventStreams.Kind.USAGE, "k-3", withKey(StreamFixture.usage(stranger.tenantId().value(), "api-x", "app-x",
                later.plusSeconds(30), 200, 500), keyId));

        start("c-last-used", IngestionWriter.Checkpoint.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.pending(EventStreams.Kind.USAGE, GROUP) == 0 && requests(tenant) == 4);
        assertThat(lastUsed(keyId)).isEqualTo(later);

        // A newer aggregate (last request at minute + 30 s) moves it forward again.
        Instant newerMinute = later.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        streams.addAggregate("k-agg-2", StreamFixture.aggregate(tenant, "api-1", application.toString(), keyId.toString(),
                newerMinute, 2, 500));
        await().atMost(Duration.ofSeconds(60)).until(() -> requests(tenant) == 5);
        assertThat(lastUsed(keyId)).isEqualTo(newerMinute.plusSeconds(30));
    }

    private Instant lastUsed(UUID keyId) throws SQLException {
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery("SELECT last_used_at FROM api_key WHERE id = '" + keyId + "'")) {
            assertThat(rows.next()).isTrue();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private static dev.bulwark.contracts.event.UsageEvent withKey(dev.bulwark.contracts.event.UsageEvent e, UUID keyId) {
        return new dev.bulwark.contracts.event.UsageEvent(e.requestId(), e.at(), e.environment(), e.tenantId(), e.apiId(),
                e.applicationId(), keyId.toString(), e.operationId(), e.method(), e.status(), e.latencyMicros(),
                e.upstreamLatencyMicros(), e.requestBytes(), e.responseBytes());
    }

    @Test
    void aConsumerKilledAfterCommitButBeforeAckDoesNotCauseDoubleCounting() throws Exception {
        assertSurvivesCrashAt(IngestionWriter.Phase.AFTER_COMMIT);
    }

    @Test
    void aConsumerKilledBeforeCommitLosesNothingAfterTakeover() throws Exception {
        assertSurvivesCrashAt(IngestionWriter.Phase.BEFORE_COMMIT);
    }

    private void assertSurvivesCrashAt(IngestionWriter.Phase crashPoint) throws Exception {
        UUID tenant = UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(30);
        int events = 120;
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        long[] requestsOf = new long[events];
        for (int i = 0; i < events; i++) {
            long[] latencies = new long[1 + i % 4];
            java.util.Arrays.fill(latencies, 500 + i);
            requestsOf[i] = latencies.length;
            streams.addAggregate("crash-" + crashPoint + "-" + i,
                    StreamFixture.aggregate(tenant, "api-1", "app-" + (i % 3), null, minute, 2, latencies));
        }
        long totalRequests = java.util.Arrays.stream(requestsOf).sum();
        long firstBatchRequests = java.util.Arrays.stream(requestsOf, 0, 50).sum();
        AtomicReference<StreamIngestionLoop> victim = new AtomicReference<>();
        AtomicBoolean crashed = new AtomicBoolean();
        IngestionWriter.Checkpoint killOnce = (phase, batch) -> {
            boolean ours = batch.stream().anyMatch(event -> event.tenantId().equals(tenant));
            if (phase == crashPoint && ours && crashed.compareAndSet(false, true)) {
                victim.get().halt(); // the process "dies" here: nothing after this point runs
                throw new IllegalStateException("simulated crash at " + phase);
            }
        };
        victim.set(start("victim-" + crashPoint, killOnce));
        await().atMost(Duration.ofSeconds(60)).untilTrue(crashed);
        threads.getLast().join(5_000);
        long countedBeforeTakeover = requests(tenant);
        assertThat(countedBeforeTakeover).isEqualTo(crashPoint == IngestionWriter.Phase.AFTER_COMMIT ? firstBatchRequests : 0);
        assertThat(streams.pending(EventStreams.Kind.USAGE, GROUP)).isGreaterThanOrEqualTo(50);

        start("rescuer-" + crashPoint, IngestionWriter.Checkpoint.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.pending(EventStreams.Kind.USAGE, GROUP) == 0
                && requests(tenant) == totalRequests);
        assertThat(requests(tenant)).isEqualTo(totalRequests);
        assertThat(count("SELECT sum(requests) FROM usage_hour WHERE tenant_id = '" + tenant + "'")).isEqualTo(totalRequests);
        assertThat(count("SELECT count(*) FROM ingested_event WHERE delivery_id LIKE 'crash-" + crashPoint + "-%'")).isEqualTo(events);
    }

    @Test
    void consumersOfGoneReplicasWithNothingPendingAreForgotten() {
        String key = streams.key(EventStreams.Kind.USAGE);
        start("survivor", IngestionWriter.Checkpoint.NONE);
        // The stream exists only once the consumer has created its group: until then XINFO says "no such key".
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(RedisCommandExecutionException.class)
                .until(() -> consumers(key).contains("survivor"));
        streams.redis().xgroupCreateconsumer(key, io.lettuce.core.Consumer.from(GROUP, "gone-replica"));
        assertThat(consumers(key)).contains("gone-replica");

        // Ten claim-idle periods (3 s here) later the survivor removes it, and only it.
        await().atMost(Duration.ofSeconds(60)).until(() -> !consumers(key).contains("gone-replica"));
        assertThat(consumers(key)).contains("survivor");
    }

    private List<String> consumers(String key) {
        List<String> names = new ArrayList<>();
        for (Object info : streams.redis().xinfoConsumers(key, GROUP)) {
            List<?> pairs = (List<?>) info;
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                if ("name".equals(String.valueOf(pairs.get(i)))) {
                    names.add(String.valueOf(pairs.get(i + 1)));
                }
            }
        }
        return names;
    }

    @Test
    void securityEventsAreStoredOnceAndMalformedEntriesAreAcknowledgedAndSkipped() throws Exception {
        UUID tenant = UUID.randomUUID();
        Instant at = Instant.now().minusSeconds(10);
        streams.add(EventStreams.Kind.SECURITY, "s-1",
                StreamFixture.security(tenant, SecurityEventType.AUTHENTICATION_FAILURE, "api-1", null, "203.0.113.9", at));
        streams.add(EventStreams.Kind.SECURITY, "s-1",
                StreamFixture.security(tenant, SecurityEventType.AUTHENTICATION_FAILURE, "api-1", null, "203.0.113.9", at));
        streams.addRaw(EventStreams.Kind.SECURITY, Map.of("id", "s-bad", "v", "1", "e", "{not json"));
        streams.addRaw(EventStreams.Kind.SECURITY, Map.of("id", "s-v9", "v", "9", "e", "{}"));
        streams.add(EventStreams.Kind.SECURITY, "s-old", StreamFixture.security(tenant, SecurityEventType.IP_BLOCKED, null, null,
                "not-an-ip", Instant.now().minus(Duration.ofDays(60))));
        streams.add(EventStreams.Kind.SECURITY, "s-2",
                StreamFixture.security(tenant, SecurityEventType.RATE_LIMITED, "api-2", "app-9", "bogus", at));

        start("c-sec", IngestionWriter.Checkpoint.NONE);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.pending(EventStreams.Kind.SECURITY, GROUP) == 0
                && count("SELECT count(*) FROM security_event WHERE tenant_id = '" + tenant + "'") == 2);
        assertThat(count("SELECT count(*) FROM security_event WHERE tenant_id = '" + tenant
                + "' AND client_ip = '203.0.113.9'::inet AND type = 'authentication-failure'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM security_event WHERE tenant_id = '" + tenant
                + "' AND client_ip IS NULL AND type = 'rate-limited'")).isEqualTo(1);
    }

    private long requests(UUID tenant) throws SQLException {
        return count("SELECT coalesce(sum(requests), 0) FROM usage_minute WHERE tenant_id = '" + tenant + "'");
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
