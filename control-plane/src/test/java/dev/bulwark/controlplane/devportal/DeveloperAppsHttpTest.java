package dev.bulwark.controlplane.devportal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.AuditRows;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.snapshot.SnapshotCompiler;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A developer's applications, subscriptions and keys over HTTP, and what gateways then get. */
@MicronautTest(transactional = false)
class DeveloperAppsHttpTest extends RealDatabaseTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    ApiKeyService keys;
    @Inject
    SnapshotCompiler compiler;
    @Inject
    PublishedChanges published;

    Api api;
    PortalFixture fixture;
    PortalFixture.Tenant tenant;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("spec.name", "DeveloperAppsHttpTest");
        return properties;
    }

    @BeforeAll
    void setUp() {
        api = new Api(client);
        fixture = new PortalFixture(api);
        tenant = fixture.tenant();
    }

    @Test
    void applicationsAreCreatedValidatedAndListedForTheirDeveloperOnly() {
        PortalFixture.Dev dev = fixture.developer(tenant);
        PortalFixture.Dev colleague = fixture.developer(tenant);

        Api.Reply invalid = api.post(tenant.base() + "/applications", Map.of("name", " ", "description", "x".repeat(2001)), dev.token());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("errors").findValuesAsText("path")).containsExactly("name", "description");
        Api.Reply smuggled = api.post(tenant.base() + "/applications", Map.of("name", "A", "developerId", colleague.id()), dev.token());
        assertThat(smuggled.status()).as("unknown fields are refused, so no developerId can be smuggled in").isEqualTo(400);

        Api.Reply created = api.post(tenant.base() + "/applications", Map.of("name", "Mobile", "description", "iOS app"), dev.token());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("name").asText()).isEqualTo("Mobile");
        assertThat(created.body().path("description").asText()).isEqualTo("iOS app");
        assertThat(created.body().path("subscriptions")).isEmpty();
        assertThat(created.body().has("developerId")).isFalse();
        String appId = created.body().path("id").asText();
        fixture.application(tenant, colleague, "Colleague's");

        Api.Reply list = api.get(tenant.base() + "/applications", dev.token());
        assertThat(list.body().path("items").findValuesAsText("id")).containsExactly(appId);
        assertThat(list.body().path("nextCursor").isNull()).isTrue();
        assertThat(api.get(tenant.base() + "/applications/" + appId, dev.token()).body().path("name").asText()).isEqualTo("Mobile");
        // The console sees it as the developer's application, audited with the developer as actor.
        assertThat(api.get("/api/v1/applications/" + appId, tenant.owner().token()).body().path("developerId").asText()).isEqualTo(dev.id());
        assertThat(AuditRows.forResource(database, appId)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("application.create");
            assertThat(entry.actorUserId().toString()).isEqualTo(dev.id());
        });
        assertThat(actorEmails(appId)).containsExactly("developer:" + dev.email());
    }

    @Test
    void identityWritesDoNotAskForAPublicationButSubscriptionsDo() {
        int before = published.count.get();
        PortalFixture.Dev dev = fixture.developer(tenant);
        PortalFixture.ok(api.post(tenant.base() + "/sessions", Map.of("email", dev.email(), "password", Api.PASSWORD), null));
        assertThat(api.delete(tenant.base() + "/sessions/current", dev.token()).status()).isEqualTo(204);
        assertThat(published.count.get()).isEqualTo(before);

        PortalFixture.Dev other = fixture.developer(tenant);
        String appId = fixture.application(tenant, other, "Publishing");
        int afterApp = published.count.get();
        PortalFixture.ok(api.post(tenant.base() + "/applications/" + appId + "/subscriptions", Map.of("planId", tenant.freePlanId()), other.token()));
        await().atMost(Duration.ofSeconds(5)).until(() -> published.count.get() > afterApp);
    }

    @Test
    void subscriptionsFollowThePlansApprovalAndOnePerApi() {
        PortalFixture.Dev dev = fixture.developer(tenant);
        String appId = fixture.application(tenant, dev, "Subscriber");
        String subscriptions = tenant.base() + "/applications/" + appId + "/subscriptions";

        Api.Reply free = api.post(subscriptions, Map.of("planId", tenant.freePlanId()), dev.token());
        assertThat(free.status()).isEqualTo(201);
        assertThat(free.body().path("status").asText()).isEqualTo("active");
        assertThat(free.body().path("apiId").asText()).isEqualTo(tenant.apiId());
        assertThat(free.body().path("apiName").asText()).isEqualTo("Pets");
        assertThat(free.body().path("planName").asText()).isEqualTo("Free");
        Api.Reply gold = api.post(subscriptions, Map.of("planId", tenant.goldPlanId()), dev.token());
        assertThat(gold.body().path("status").asText()).isEqualTo("pending");

        Api.Reply twice = api.post(subscriptions, Map.of("planId", tenant.freePlanId()), dev.token());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.key()).isEqualTo("SUBSCRIPTION_EXISTS");
        Api.Reply bogus = api.post(subscriptions, Map.of("planId", "nope"), dev.token());
        assertThat(bogus.status()).isEqualTo(400);
        assertThat(bogus.body().path("errors").findValuesAsText("path")).containsExactly("planId");

        JsonNode app = api.get(tenant.base() + "/applications/" + appId, dev.token()).body();
        assertThat(app.path("subscriptions").findValuesAsText("status")).containsExactly("active", "pending");
        // A member approves the pending one in the console; the developer sees it.
        String goldId = gold.body().path("id").asText();
        PortalFixture.ok(api.post("/api/v1/subscriptions/" + goldId + "/approve", Map.of(), tenant.owner().token()));
        assertThat(api.get(tenant.base() + "/applications/" + appId, dev.token()).body().path("subscriptions")
                .findValuesAsText("status")).containsExactly("active", "active");
    }

    @Test
    void keysAreIssuedShownOnceRotatedAndRevokedLikeConsoleKeys() {
        PortalFixture.Dev dev = fixture.developer(tenant);
        String appId = fixture.application(tenant, dev, "Keyed");
        PortalFixture.ok(api.post(tenant.base() + "/applications/" + appId + "/subscriptions", Map.of("planId", tenant.freePlanId()), dev.token()));
        String keysPath = tenant.base() + "/applications/" + appId + "/keys";
        int publishesBefore = published.count.get();

        Api.Reply invalid = api.post(keysPath, Map.of("label", "", "environment", "moon", "expiresAt", "tomorrow"), dev.token());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().path("errors").findValuesAsText("path")).containsExactly("expiresAt");
        Api.Reply invalidFields = api.post(keysPath, Map.of("label", "", "environment", "moon"), dev.token());
        assertThat(invalidFields.body().path("errors").findValuesAsText("path")).containsExactly("label", "environment");
        Api.Reply scoped = api.post(keysPath, Map.of("label", "x", "environment", "staging", "scopes", List.of("admin")), dev.token());
        assertThat(scoped.status()).as("developers cannot choose scopes").isEqualTo(400);

        Instant expiry = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Api.Reply created = api.post(keysPath, Map.of("label", "ci", "environment", "staging", "expiresAt", expiry.toString()), dev.token());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        String key = created.body().path("key").asText();
        String keyId = created.body().path("id").asText();
        assertThat(key).startsWith("bwk_test_");
        assertThat(created.body().path("expiresAt").asText()).isEqualTo(expiry.toString());
        assertThat(keys.verify(key)).hasValueSatisfying(v -> assertThat(v.applicationId().toString()).isEqualTo(appId));
        await().atMost(Duration.ofSeconds(5)).until(() -> published.count.get() > publishesBefore);

        // What the gateways get: the key, for an application with an active subscription to the plan.
        Snapshot staging = compiler.compileContent(Environment.STAGING);
        assertThat(staging.apiKeys()).filteredOn(k -> k.keyId().equals(keyId)).singleElement()
                .satisfies(k -> assertThat(k.applicationId()).isEqualTo(appId));
        assertThat(staging.applications()).filteredOn(a -> a.applicationId().equals(appId)).singleElement()
                .extracting(ApplicationEntry::planByApi).isEqualTo(Map.of(tenant.apiId(), tenant.freePlanId()));

        Api.Reply listed = api.get(keysPath, dev.token());
        assertThat(listed.body().path("items")).hasSize(1);
        JsonNode shown = listed.body().path("items").get(0);
        assertThat(shown.path("lookupId").asText()).isEqualTo(created.body().path("lookupId").asText());
        assertThat(shown.has("key")).isFalse();
        assertThat(listed.raw().getBody(String.class).orElse("")).doesNotContain(key);

        Api.Reply rotated = api.post(keysPath + "/" + keyId + "/rotate", Map.of("overlapSeconds", 0), dev.token());
        assertThat(rotated.status()).isEqualTo(201);
        String successor = rotated.body().path("key").asText();
        assertThat(keys.verify(successor)).isPresent();
        assertThat(keys.verify(key)).isEmpty();
        Api.Reply rotatedAgain = api.post(keysPath + "/" + keyId + "/rotate", null, dev.token());
        assertThat(rotatedAgain.status()).isEqualTo(409);
        assertThat(rotatedAgain.key()).isEqualTo("KEY_NOT_ACTIVE");

        String successorId = rotated.body().path("id").asText();
        assertThat(api.delete(keysPath + "/" + successorId, dev.token()).status()).isEqualTo(204);
        assertThat(keys.verify(successor)).isEmpty();
        assertThat(api.get(keysPath, dev.token()).body().path("items").findValuesAsText("revokedAt")).hasSize(2);
        assertThat(AuditRows.forResource(database, keyId)).extracting(AuditRows.Entry::action).containsExactly("key.create", "key.rotate");
        assertThat(AuditRows.forResource(database, successorId)).extracting(AuditRows.Entry::action).containsExactly("key.create", "key.revoke");
        assertThat(actorEmails(successorId)).containsOnly("developer:" + dev.email());
        assertThat(compiler.compileContent(Environment.STAGING).apiKeys()).extracting(ApiKeyEntry::keyId).doesNotContain(keyId, successorId);
    }

    @Test
    void usageAndRemainingQuotaCoverOnlyTheDevelopersApplication() throws Exception {
        PortalFixture.Dev dev = fixture.developer(tenant);
        String appId = fixture.application(tenant, dev, "Metered");
        String otherAppId = fixture.application(tenant, dev, "Other");
        PortalFixture.ok(api.post(tenant.base() + "/applications/" + appId + "/subscriptions", Map.of("planId", tenant.freePlanId()), dev.token()));
        PortalFixture.ok(api.post(tenant.base() + "/applications/" + appId + "/subscriptions", Map.of("planId", tenant.goldPlanId()), dev.token()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        usage(now, tenant.apiId(), appId, 2, 30);
        usage(now, tenant.apiId(), appId, 4, 5);
        usage(now, tenant.apiId(), otherAppId, 2, 100);
        usage(now, tenant.otherApiId(), appId, 2, 7);
        usage(today.minus(Duration.ofHours(2)), tenant.apiId(), appId, 2, 1000);
        boolean earlierHourInPeriod = today.isBefore(now.truncatedTo(ChronoUnit.HOURS));
        if (earlierHourInPeriod) {
            usage(today, tenant.apiId(), appId, 2, 10);
        }
        long used = 30 + 5 + (earlierHourInPeriod ? 10 : 0);

        Api.Reply quota = api.get(tenant.base() + "/applications/" + appId + "/quota", dev.token());
        assertThat(quota.status()).isEqualTo(200);
        assertThat(quota.body().path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("apiId").asText()).isEqualTo(tenant.apiId());
            assertThat(item.path("apiName").asText()).isEqualTo("Pets");
            assertThat(item.path("planName").asText()).isEqualTo("Free");
            assertThat(item.path("period").asText()).isEqualTo("day");
            assertThat(item.path("limit").asLong()).isEqualTo(1000);
            assertThat(item.path("used").asLong()).isEqualTo(used);
            assertThat(item.path("remaining").asLong()).isEqualTo(1000 - used);
            assertThat(item.path("resetsAt").asText()).isEqualTo(today.plus(Duration.ofDays(1)).toString());
        });

        Api.Reply series = api.get(tenant.base() + "/applications/" + appId + "/usage?granularity=minute&from="
                + now.minusSeconds(300) + "&to=" + now.plusSeconds(60), dev.token());
        assertThat(series.status()).isEqualTo(200);
        assertThat(series.body().path("granularity").asText()).isEqualTo("minute");
        assertThat(series.body().path("points")).hasSize(6);
        long requests = 0;
        for (JsonNode point : series.body().path("points")) {
            requests += point.path("requests").asLong();
        }
        assertThat(requests).as("this application's requests to every API").isEqualTo(30 + 5 + 7);
        Api.Reply bad = api.get(tenant.base() + "/applications/" + appId + "/usage?granularity=week", dev.token());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").findValuesAsText("path")).containsExactly("granularity");
    }

    /** One rollup row in both tables, as ingestion writes them. */
    private void usage(Instant minute, String apiId, String appId, int statusClass, long requests) throws Exception {
        try (var connection = database.connect()) {
            dev.bulwark.controlplane.usage.UsageMinutePartitions.ensureDayOf(connection, minute);
            for (String table : List.of("usage_minute", "usage_hour")) {
                String column = table.equals("usage_minute") ? "minute" : "hour";
                Instant at = table.equals("usage_minute") ? minute : minute.truncatedTo(ChronoUnit.HOURS);
                try (var insert = connection.prepareStatement("INSERT INTO " + table + " (tenant_id, " + column + ", api_id, "
                        + "application_id, status_class, requests, errors, request_bytes, response_bytes, latency_sum_micros, "
                        + "latency_buckets) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, array_fill(0::bigint, ARRAY[40])) ON CONFLICT (tenant_id, " + column
                        + ", api_id, application_id, status_class) DO UPDATE SET requests = " + table + ".requests + EXCLUDED.requests")) {
                    insert.setObject(1, tenant.owner().tenantId());
                    insert.setTimestamp(2, java.sql.Timestamp.from(at));
                    insert.setString(3, apiId);
                    insert.setString(4, appId);
                    insert.setInt(5, statusClass);
                    insert.setLong(6, requests);
                    insert.executeUpdate();
                }
            }
        }
    }

    private List<String> actorEmails(String resourceId) {
        try (var connection = database.connect();
             var select = connection.prepareStatement("SELECT actor_email FROM audit_event WHERE resource_id = ? ORDER BY seq")) {
            select.setString(1, resourceId);
            List<String> emails = new java.util.ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    emails.add(rows.getString(1));
                }
            }
            return emails;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
