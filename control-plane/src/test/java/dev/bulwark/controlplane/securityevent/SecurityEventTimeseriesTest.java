package dev.bulwark.controlplane.securityevent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/security-events/timeseries over HTTP: counts per bucket and type, per tenant only. */
@MicronautTest(transactional = false)
class SecurityEventTimeseriesTest extends RealDatabaseTest {
    /** Three whole hours ago, so every event is in the past and lands in known minute buckets. */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    private static final SecurityEventType[] TYPES = SecurityEventType.values();

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    TransactionOperations<Connection> transactions;

    Api api;
    Api.Session tenantA;
    Api.Session tenantB;
    /** What tenant A stored: expected counts [minute][type], all events and those of api-1 / app-1. */
    final long[][] all = new long[60][TYPES.length];
    final long[][] api1 = new long[60][TYPES.length];
    final long[][] app1 = new long[60][TYPES.length];

    @BeforeAll
    void store() {
        api = new Api(client);
        tenantA = api.signUp(Api.unique("sec-ts-a"));
        tenantB = api.signUp(Api.unique("sec-ts-b"));
        List<SecurityEventWriter.Row> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(410);
        for (int i = 0; i < 400; i++) {
            int minute = random.nextInt(60);
            int type = random.nextInt(TYPES.length);
            String apiId = random.nextBoolean() ? "api-1" : "api-2";
            String appId = random.nextInt(3) == 0 ? null : random.nextBoolean() ? "app-1" : "app-2";
            Instant at = START.plus(Duration.ofMinutes(minute)).plusMillis(random.nextInt(60_000));
            rows.add(row(tenantA.tenantId(), TYPES[type], apiId, appId, at));
            all[minute][type]++;
            if (apiId.equals("api-1")) {
                api1[minute][type]++;
            }
            if ("app-1".equals(appId)) {
                app1[minute][type]++;
            }
        }
        // Tenant B uses the same api and application ids: only the tenant may tell them apart.
        for (int i = 0; i < 50; i++) {
            rows.add(row(tenantB.tenantId(), SecurityEventType.RATE_LIMITED, "api-1", "app-1", START.plusSeconds(i)));
        }
        transactions.executeWrite(status -> {
            status.getConnection().createStatement().execute("CREATE TABLE security_event_ts_test PARTITION OF security_event DEFAULT");
            new SecurityEventWriter().write(status.getConnection(), rows);
            return null;
        });
    }

    private static SecurityEventWriter.Row row(UUID tenant, SecurityEventType type, String apiId, String appId, Instant at) {
        String id = UUID.randomUUID().toString();
        return new SecurityEventWriter.Row(id, tenant, new SecurityEvent("gw-" + id, at, "production", type, "KEY_" + type.name(),
                tenant.toString(), apiId, appId, "198.51.100.7", "GET", "/pets", null));
    }

    private String hour(String extra) {
        return "/api/v1/security-events/timeseries?granularity=minute&from=" + START + "&to=" + START.plus(Duration.ofHours(1)) + extra;
    }

    private static void assertCounts(JsonNode series, long[][] expected) {
        JsonNode points = series.path("points");
        assertThat(points).hasSize(60);
        for (int minute = 0; minute < 60; minute++) {
            JsonNode point = points.get(minute);
            assertThat(Instant.parse(point.path("t").asText())).isEqualTo(START.plus(Duration.ofMinutes(minute)));
            long total = 0;
            for (int type = 0; type < TYPES.length; type++) {
                String label = SecurityEventTypes.label(TYPES[type]);
                assertThat(point.path("counts").path(label).asLong()).as("minute %d %s", minute, label).isEqualTo(expected[minute][type]);
                total += expected[minute][type];
            }
            assertThat(point.path("total").asLong()).isEqualTo(total);
        }
    }

    @Test
    void countsEveryTypePerMinuteAndNarrowsByApiAndApplication() {
        Api.Reply reply = api.get(hour(""), tenantA.token());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("granularity").asText()).isEqualTo("minute");
        assertThat(reply.body().path("types").toString()).contains("rate-limited", "quota-exceeded", "authentication-failure");
        assertCounts(reply.body(), all);
        assertCounts(api.get(hour("&apiId=api-1"), tenantA.token()).body(), api1);
        assertCounts(api.get(hour("&applicationId=app-1"), tenantA.token()).body(), app1);
    }

    @Test
    void coarserBucketsAddUpAndEmptyBucketsAreZero() {
        Api.Reply hours = api.get("/api/v1/security-events/timeseries?granularity=hour&from=" + START.minus(Duration.ofHours(1))
                + "&to=" + START.plus(Duration.ofHours(2)), tenantA.token());
        JsonNode points = hours.body().path("points");
        assertThat(points).hasSize(3);
        assertThat(points.get(0).path("total").asLong()).isZero();
        assertThat(points.get(1).path("total").asLong()).isEqualTo(400);
        assertThat(points.get(2).path("total").asLong()).isZero();
    }

    @Test
    void eachTenantCountsOnlyItsOwnEvents() {
        Api.Reply b = api.get(hour("&apiId=api-1&applicationId=app-1"), tenantB.token());
        long totalB = 0;
        for (JsonNode point : b.body().path("points")) {
            totalB += point.path("total").asLong();
            assertThat(point.path("counts").path("rate-limited").asLong()).isEqualTo(point.path("total").asLong());
        }
        assertThat(totalB).isEqualTo(50);
        Api.Session stranger = api.signUp(Api.unique("sec-ts-c"));
        for (JsonNode point : api.get(hour(""), stranger.token()).body().path("points")) {
            assertThat(point.path("total").asLong()).isZero();
        }
    }

    @Test
    void refusesUnboundedRangesAndBadParametersNamingTheField() {
        assertThat(api.get(hour(""), null).status()).isEqualTo(401);
        Api.Reply tooLong = api.get("/api/v1/security-events/timeseries?granularity=minute&from=" + START.minus(Duration.ofDays(2))
                + "&to=" + START, tenantA.token());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.body().path("errors").get(0).path("path").asText()).isEqualTo("from");
        Api.Reply badGranularity = api.get("/api/v1/security-events/timeseries?granularity=week", tenantA.token());
        assertThat(badGranularity.body().path("errors").get(0).path("path").asText()).isEqualTo("granularity");
        Api.Reply badTo = api.get("/api/v1/security-events/timeseries?to=yesterday", tenantA.token());
        assertThat(badTo.body().path("errors").get(0).path("path").asText()).isEqualTo("to");
        Api.Reply reversed = api.get("/api/v1/security-events/timeseries?from=" + START + "&to=" + START.minusSeconds(60), tenantA.token());
        assertThat(reversed.status()).isEqualTo(400);
    }

    @Test
    void theApplicationFilterCanUseItsIndex() throws Exception {
        try (Connection c = database.connect()) {
            c.createStatement().execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = c.createStatement().executeQuery("EXPLAIN SELECT count(*) FROM security_event WHERE tenant_id = '"
                    + tenantA.tenantId() + "' AND application_id = 'app-1' AND occurred_at >= now() - interval '1 day' AND occurred_at < now()")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("application_id_occurred_at_idx");
        }
    }
}
