package dev.bulwark.controlplane.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.UsageEvent;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The usage and security-event read API over HTTP: session required, tenant taken from the session only. */
@MicronautTest(transactional = false)
class TelemetryApiTest extends RealDatabaseTest {
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    TransactionOperations<Connection> transactions;

    Api api;
    Api.Session tenantA;
    Api.Session tenantB;

    @BeforeAll
    void setUp() {
        api = new Api(client);
        tenantA = api.signUp(Api.unique("usage-a"));
        tenantB = api.signUp(Api.unique("usage-b"));
        List<DeliveredEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(usage(tenantA.tenantId(), "app-a", 200));
        }
        batch.add(usage(tenantA.tenantId(), "app-a", 503));
        for (int i = 0; i < 9; i++) {
            batch.add(usage(tenantB.tenantId(), "app-b", 200));
        }
        batch.add(security(tenantA.tenantId(), "203.0.113.1"));
        batch.add(security(tenantA.tenantId(), "203.0.113.2"));
        batch.add(security(tenantA.tenantId(), "203.0.113.3"));
        batch.add(security(tenantB.tenantId(), "198.51.100.1"));
        new IngestionWriter(transactions, new DailyPartitions("ingested_event", transactions),
                new DailyPartitions("security_event", transactions), new DailyPartitions("usage_minute", transactions),
                IngestionWriter.Checkpoint.NONE).write(batch);
    }

    private static DeliveredEvent usage(UUID tenant, String app, int status) {
        return new DeliveredEvent(UUID.randomUUID().toString(), tenant, new UsageEvent("r", HOUR.plusSeconds(30), "production",
                tenant.toString(), "api-1", app, null, null, "GET", status, 2_000, 1_000, 10, 90));
    }

    private static DeliveredEvent security(UUID tenant, String ip) {
        return new DeliveredEvent(UUID.randomUUID().toString(), tenant, new SecurityEvent("g", HOUR.plusSeconds(40), "production",
                SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", tenant.toString(), "api-1", null, ip, "GET", "/x", null));
    }

    private String range() {
        return "from=" + HOUR + "&to=" + HOUR.plus(Duration.ofHours(1));
    }

    @Test
    void eachTenantSeesOnlyItsOwnUsage() {
        Api.Reply a = api.get("/api/v1/usage/timeseries?granularity=hour&" + range(), tenantA.token());
        Api.Reply b = api.get("/api/v1/usage/timeseries?granularity=hour&apiId=api-1&" + range(), tenantB.token());

        assertThat(a.status()).isEqualTo(200);
        JsonNode pointA = a.body().path("points").get(0);
        assertThat(pointA.path("requests").asLong()).isEqualTo(6);
        assertThat(pointA.path("errors").asLong()).isEqualTo(1);
        assertThat(pointA.path("p95").asDouble()).isBetween(1.6, 2.263);
        assertThat(pointA.path("bytes").asLong()).isEqualTo(600);
        assertThat(b.body().path("points").get(0).path("requests").asLong()).isEqualTo(9);

        Api.Reply top = api.get("/api/v1/usage/top-consumers?" + range(), tenantA.token());
        assertThat(top.body().path("items")).hasSize(1);
        assertThat(top.body().path("items").get(0).path("applicationId").asText()).isEqualTo("app-a");
        Api.Reply status = api.get("/api/v1/usage/status?" + range(), tenantB.token());
        assertThat(status.body().path("counts").path("2xx").asLong()).isEqualTo(9);
        assertThat(status.body().path("counts").path("5xx").asLong()).isZero();
    }

    @Test
    void securityEventsAreListedPerTenantWithCursorPages() {
        Api.Reply first = api.get("/api/v1/security-events?limit=2", tenantA.token());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("items")).hasSize(2);
        String cursor = first.body().path("nextCursor").asText();
        Api.Reply second = api.get("/api/v1/security-events?limit=2&cursor=" + cursor, tenantA.token());
        assertThat(second.body().path("items")).hasSize(1);
        assertThat(second.body().path("nextCursor").isNull()).isTrue();

        Api.Reply b = api.get("/api/v1/security-events?clientIp=203.0.113.1", tenantB.token());
        assertThat(b.body().path("items")).isEmpty(); // A's attacker is invisible to B
        Api.Reply filtered = api.get("/api/v1/security-events?type=authentication-failure&clientIp=203.0.113.1", tenantA.token());
        assertThat(filtered.body().path("items")).hasSize(1);
        assertThat(filtered.body().path("items").get(0).path("clientIp").asText()).isEqualTo("203.0.113.1");
    }

    @Test
    void withoutASessionNothingIsShownAndBadParametersAreNamed() {
        assertThat(api.get("/api/v1/usage/timeseries", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/security-events", null).status()).isEqualTo(401);

        Api.Reply badGranularity = api.get("/api/v1/usage/timeseries?granularity=fortnight", tenantA.token());
        assertThat(badGranularity.status()).isEqualTo(400);
        assertThat(badGranularity.contentType()).startsWith("application/problem+json");
        assertThat(badGranularity.key()).isEqualTo("VALIDATION_FAILED");
        assertThat(badGranularity.body().path("errors").get(0).path("path").asText()).isEqualTo("granularity");

        Api.Reply badType = api.get("/api/v1/security-events?type=sqli", tenantA.token());
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().path("errors").get(0).path("path").asText()).isEqualTo("type");
        Api.Reply badFamily = api.get("/api/v1/security-events?family=sqli", tenantA.token());
        assertThat(badFamily.status()).isEqualTo(400);
        assertThat(badFamily.body().path("errors").get(0).path("path").asText()).isEqualTo("family");
        assertThat(badFamily.body().path("errors").get(0).path("message").asText()).contains("sql, xss");
        Api.Reply badCursor = api.get("/api/v1/security-events?cursor=%25%25", tenantA.token());
        assertThat(badCursor.body().path("errors").get(0).path("path").asText()).isEqualTo("cursor");
    }
}
