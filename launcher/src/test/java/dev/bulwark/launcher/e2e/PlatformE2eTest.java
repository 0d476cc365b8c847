package dev.bulwark.launcher.e2e;

import static dev.bulwark.launcher.e2e.ConsoleApi.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform end to end, as separate processes: the control-plane jar, two data-plane jars and a
 * real upstream, on a real PostgreSQL database and a real Redis prefix. One story: a tenant signs up
 * and publishes an API; a key works through both gateways and shares one rate limit; usage reaches the
 * dashboards; a revoked key stops everywhere within two seconds; and the gateways keep serving, and
 * restart, from their last-known-good snapshot while the control plane is down.
 */
@ExtendWith(RealServicesExtension.class)
class PlatformE2eTest {
    private static final Duration SNAPSHOT_ARRIVAL = Duration.ofSeconds(30);
    private static final long REVOCATION_BOUND_MS = 2_000;
    private static final String OPENAPI = """
            openapi: 3.0.3
            info: {title: Inventory, version: 1.0.0}
            paths:
              /items:
                get:
                  operationId: listItems
                  responses:
                    '200': {description: the items}
              /items/{itemId}:
                get:
                  operationId: getItem
                  parameters:
                    - {name: itemId, in: path, required: true, schema: {type: string}}
                  responses:
                    '200': {description: one item}
            """;

    @Test
    void tenantPublishesAndBothGatewaysEnforceThroughOutagesAndRestarts(TestDatabase database, TestRedis redis, @TempDir Path home)
            throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        String owner = "owner+" + unique + "@example.com";
        try (TestUpstream upstream = TestUpstream.start();
             PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            // The operator's configuration gives the gateways their credential and every tenant loopback upstreams.
            platform.startControlPlane("production");

            ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), "e2e-" + unique, owner, "e2e-" + unique + "-Correct-Horse-7");
            DataPlane first = platform.addDataPlane("gw-1");
            DataPlane second = platform.addDataPlane("gw-2");
            List<DataPlane> gateways = List.of(first, second);
            gateways.forEach(platform::startDataPlane);

            // Publish an API whose upstream is the test server on 127.0.0.1 (a private address the operator allows).
            String apiId = console.publishApi("Inventory", OPENAPI, "/inventory", upstream.url(), ConsoleApi.JSON.readTree("""
                    {"policies": [
                      {"type": "api-key"},
                      {"type": "rate-limit", "limit": 5, "periodSeconds": 60, "keyBy": "application"}
                    ]}"""));
            String planId = console.autoApprovedPlan(apiId, "Free", List.of());
            gateways.forEach(platform::awaitReady);

            // A developer's application subscribes (approved automatically) and gets a key.
            String developerId = console.developer("dev+" + unique + "@example.com", "Dana Developer");
            Application checkout = Application.create(console, developerId, planId, "Checkout");
            long issued = System.nanoTime();

            // The key works through both data planes once the snapshot carrying it arrives.
            Map<String, Long> arrival = Propagation.measure(gateways, issued, url -> items(url, checkout.key),
                    call -> call.status() == 200, SNAPSHOT_ARRIVAL);
            System.out.printf("e2e: new key served after %s ms (per data plane)%n", arrival);
            assertThat(arrival.values()).allSatisfy(millis -> assertThat(millis).isNotNegative());

            // The limit (5 per 60 s per application) is shared: two calls spent above, three more pass, the sixth is refused.
            assertThat(items(first.url(), checkout.key).status()).isEqualTo(200);
            assertThat(items(second.url(), checkout.key).status()).isEqualTo(200);
            assertThat(items(first.url(), checkout.key).status()).isEqualTo(200);
            GatewayCall sixth = items(second.url(), checkout.key);
            assertThat(sixth.status()).as("sixth call across both gateways: %s", sixth).isEqualTo(429);
            assertThat(sixth.header("RateLimit-Limit")).hasValue("5");
            assertThat(sixth.header("RateLimit-Remaining")).hasValue("0");
            assertThat(sixth.header("Retry-After")).isPresent();
            assertThat(upstream.received()).hasSize(5)
                    .allSatisfy(request -> {
                        assertThat(request.path()).isEqualTo("/items");
                        assertThat(request.hasHeader("X-API-Key")).as("the key is stripped before the upstream").isFalse();
                    });

            // Usage reaches the control plane's dashboards (gateways → Redis Streams → rollups).
            await("usage of the application").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode consumers = console.get("/api/v1/usage/top-consumers?apiId=" + apiId).path("items");
                assertThat(consumers.findValuesAsText("applicationId")).contains(checkout.id);
                JsonNode row = find(consumers, "applicationId", checkout.id);
                assertThat(row.path("requests").asLong()).isGreaterThanOrEqualTo(6);
                assertThat(row.path("errors").asLong()).isGreaterThanOrEqualTo(1);
            });

            // Revoke: both gateways refuse the key within the bound.
            console.delete("/api/v1/keys/" + checkout.keyId, 204);
            long revoked = System.nanoTime();
            Map<String, Long> revocation = Propagation.measure(gateways, revoked, url -> items(url, checkout.key),
                    call -> call.status() == 401, Duration.ofSeconds(10));
            System.out.printf("e2e: revoked key refused after %s ms (per data plane)%n", revocation);
            assertThat(revocation.values()).allSatisfy(millis -> assertThat(millis).isBetween(0L, REVOCATION_BOUND_MS));

            // A second application's key, then the control plane goes away.
            Application mobile = Application.create(console, developerId, planId, "Mobile");
            await("second key at both gateways").atMost(SNAPSHOT_ARRIVAL).pollInterval(Duration.ofMillis(20))
                    .until(() -> gateways.stream().allMatch(gateway -> served(gateway, mobile.key)));
            platform.stopControlPlane();
            assertThat(platform.controlPlane().isAlive()).isFalse();
            assertThat(items(first.url(), mobile.key).status()).isEqualTo(200);
            assertThat(items(second.url(), mobile.key).status()).isEqualTo(200);
            assertThat(items(second.url(), checkout.key).status()).as("the revoked key stays refused").isEqualTo(401);

            // A gateway restarted while the control plane is down starts from its last-known-good snapshot.
            assertThat(first.lastKnownGood).isRegularFile();
            first.process.close();
            assertThat(items(first.url(), mobile.key).status()).isZero();
            platform.startDataPlane(first);
            platform.awaitReady(first);
            GatewayCall afterRestart = items(first.url(), mobile.key);
            assertThat(afterRestart.status()).as("after restart from last-known-good: %s", afterRestart).isEqualTo(200);
            assertThat(items(first.url(), checkout.key).status()).isEqualTo(401);
            assertThat(items(first.url(), null).status()).isEqualTo(401);

            // Nothing secret in any log: peppers, keys, credentials.
            for (Path log : List.of(platform.controlPlane().log(), first.process.log(), second.process.log())) {
                String text = Files.readString(log);
                for (String secret : platform.secrets()) {
                    assertThat(text).as("%s contains a secret", log.getFileName()).doesNotContain(secret);
                }
                assertThat(text).doesNotContain(checkout.key).doesNotContain(mobile.key);
            }
        }
    }

    private static GatewayCall items(String gatewayUrl, String key) {
        return GatewayCall.get(gatewayUrl, "/inventory/items", key);
    }

    private static boolean served(DataPlane gateway, String key) {
        return items(gateway.url(), key).status() == 200;
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " " + value + " in " + items);
    }

    /** An application subscribed to a plan, with one production key. */
    private record Application(String id, String keyId, String key) {
        static Application create(ConsoleApi console, String developerId, String planId, String name) {
            String id = console.post("/api/v1/applications", object(Map.of("name", name, "developerId", developerId)), 201)
                    .path("id").asText();
            JsonNode subscription = console.post("/api/v1/applications/" + id + "/subscriptions", object(Map.of("planId", planId)), 201);
            assertThat(subscription.path("status").asText()).isEqualTo("active");
            JsonNode key = console.post("/api/v1/applications/" + id + "/keys", object(Map.of("label", name + " key",
                    "scopes", List.of(), "environment", "production")), 201);
            return new Application(id, key.path("id").asText(), key.path("key").asText());
        }
    }
}
