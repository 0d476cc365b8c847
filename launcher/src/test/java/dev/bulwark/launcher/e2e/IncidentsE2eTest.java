package dev.bulwark.launcher.e2e;

import static dev.bulwark.launcher.e2e.ConsoleApi.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.launcher.e2e.PlatformProcesses.DataPlane;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.SyslogReceiver;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.TestRedis;
import dev.bulwark.testing.WebhookReceiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks through a real gateway become incidents and alerts: object-id enumeration, injection and
 * credential stuffing sent to a data-plane process open the right incidents in the control-plane
 * process; a webhook receiver verifies every signed delivery the way docs/alerting.md tells a
 * customer to; a syslog receiver gets a CEF line for each; and the automatic response configured for
 * credential stuffing blocks the attacking address at the gateway until an admin lifts it. Prints
 * the detection latency of each attack (first attack request to open incident).
 */
@ExtendWith(RealServicesExtension.class)
class IncidentsE2eTest {
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(30);
    private static final String OPENAPI = """
            openapi: 3.0.3
            info: {title: Inventory, version: 1.0.0}
            paths:
              /items:
                get:
                  operationId: listItems
                  parameters:
                    - {name: q, in: query, schema: {type: string}}
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
    void attacksThroughTheGatewayOpenIncidentsAlertSignedAndAsCefAndTriggerTheBlock(TestDatabase database, TestRedis redis,
                                                                                   @TempDir Path home) throws Exception {
        String unique = Long.toString(System.nanoTime(), 36);
        try (TestUpstream upstream = TestUpstream.start();
             WebhookReceiver webhook = WebhookReceiver.start();
             SyslogReceiver siem = SyslogReceiver.tcp();
             PlatformProcesses platform = new PlatformProcesses(home, PlatformProcesses.Services.of(database, redis))) {
            platform.startControlPlane("production");
            ConsoleApi console = ConsoleApi.signUp(platform.controlPlaneUrl(), "inc-" + unique, "owner+" + unique + "@example.com",
                    "inc-" + unique + "-Correct-Horse-7");
            DataPlane gateway = platform.addDataPlane("gw-1");
            platform.startDataPlane(gateway);

            String apiId = console.publishApi("Inventory", OPENAPI, "/inventory", upstream.url(), ConsoleApi.JSON.readTree("""
                    {"policies": [{"type": "api-key"}, {"type": "threat-protection"}]}"""));
            // The plan allows listing only: fetching one item is refused (403), which is what walking ids looks like.
            String planId = console.autoApprovedPlan(apiId, "List only", List.of("listItems"));
            String developerId = console.developer("dev+" + unique + "@example.com", "Walker");
            String applicationId = console.subscribedApplication(developerId, planId, "Walker");
            String key = console.productionKey(applicationId, "walker").key();

            String secret = console.post("/api/v1/alert-channels", object(Map.of("name", "soc", "kind", "webhook",
                    "url", webhook.url("/bulwark"))), 201).path("signingSecret").asText();
            console.post("/api/v1/alert-channels", object(Map.of("name", "siem", "kind", "syslog", "host", "127.0.0.1",
                    "port", siem.port(), "format", "cef")), 201);
            console.send("PUT", "/api/v1/incident-detectors/credential-stuffing/response",
                    object(Map.of("action", "block-address", "durationSeconds", 600)), null, 200);

            platform.awaitReady(gateway);
            await("the key at the gateway").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> items(gateway, key, "").status() == 200);

            Map<String, Long> latency = new LinkedHashMap<>();
            // 1. walking object ids the plan does not allow
            long start = System.nanoTime();
            for (int id = 1; id <= 12; id++) {
                assertThat(GatewayCall.get(gateway.url(), "/inventory/items/" + id, key).status()).isEqualTo(403);
            }
            latency.put("enumeration", detected(console, "enumeration", start));
            // 2. an injection burst
            start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                String attack = URLEncoder.encode("1 UNION SELECT username, password FROM users--" + i, StandardCharsets.UTF_8);
                assertThat(items(gateway, key, "?q=" + attack).status()).isEqualTo(403);
            }
            latency.put("injection-burst", detected(console, "injection-burst", start));
            // 3. credential stuffing: guessed keys from one address
            start = System.nanoTime();
            for (int i = 0; i < 25; i++) {
                assertThat(items(gateway, "bwk_live_guessed" + i + unique, "").status()).isEqualTo(401);
            }
            latency.put("credential-stuffing", detected(console, "credential-stuffing", start));
            System.out.printf("e2e: detection latency (first attack request -> open incident) %s ms%n", latency);

            JsonNode incidents = console.get("/api/v1/incidents").path("items");
            assertThat(incidents.findValuesAsText("detector"))
                    .containsExactlyInAnyOrder("enumeration", "injection-burst", "credential-stuffing");
            assertThat(find(incidents, "enumeration").path("subject").asText()).isEqualTo(applicationId);
            assertThat(find(incidents, "injection-burst").path("subject").asText()).isEqualTo("127.0.0.1");
            assertThat(find(incidents, "credential-stuffing").path("subject").asText()).isEqualTo("127.0.0.1");

            // Every alert arrives signed; the receiver checks it as docs/alerting.md says, without Bulwark's code.
            await("three signed alerts").atMost(DETECTION_BOUND).until(() -> webhook.received().size() >= 3);
            for (WebhookReceiver.Received delivery : webhook.received()) {
                assertThat(verified(secret, delivery)).as("signature of %s", delivery.header("Bulwark-Delivery")).isTrue();
            }
            assertThat(webhook.received().stream().map(r -> json(r.body()).path("detector").asText()))
                    .containsExactlyInAnyOrder("enumeration", "injection-burst", "credential-stuffing");
            await("three CEF lines").atMost(DETECTION_BOUND).until(() -> siem.messages().size() >= 3);
            assertThat(siem.messages()).allSatisfy(line -> assertThat(line).contains("CEF:0|Bulwark|Bulwark|1|"));
            assertThat(siem.messages()).anySatisfy(line -> assertThat(line).contains("|credential-stuffing|").contains("src=127.0.0.1"));

            // The automatic response: the address is blocked at the gateway, even with a valid key, until lifted.
            await("the block at the gateway").atMost(DETECTION_BOUND).pollInterval(Duration.ofMillis(100))
                    .until(() -> items(gateway, key, "").status() == 403);
            JsonNode response = console.get("/api/v1/incident-responses?active=true").get(0);
            assertThat(response.path("target").asText()).isEqualTo("127.0.0.1/32");
            console.post("/api/v1/incident-responses/" + response.path("id").asText() + "/lift", object(Map.of()), 200);
            await("the block lifted").atMost(DETECTION_BOUND).pollInterval(Duration.ofMillis(100))
                    .until(() -> items(gateway, key, "").status() == 200);
        }
    }

    /** Milliseconds from {@code start} until the incident of {@code detector} is listed open. */
    private static long detected(ConsoleApi console, String detector, long start) {
        await(detector + " incident").atMost(DETECTION_BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> console.get("/api/v1/incidents?status=open&detector=" + detector).path("items").size() == 1);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static GatewayCall items(DataPlane gateway, String key, String query) {
        return GatewayCall.get(gateway.url(), "/inventory/items" + query, key);
    }

    /** The receiver's check of docs/alerting.md: timestamp within 5 minutes, HMAC-SHA-256 of "timestamp.body". */
    private static boolean verified(String secret, WebhookReceiver.Received delivery) throws Exception {
        long timestamp = Long.parseLong(delivery.header("Bulwark-Timestamp"));
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal(delivery.body()))).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, delivery.header("Bulwark-Signature").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(byte[] body) {
        try {
            return ConsoleApi.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode find(JsonNode items, String detector) {
        for (JsonNode item : items) {
            if (detector.equals(item.path("detector").asText())) {
                return item;
            }
        }
        throw new AssertionError("no " + detector + " incident in " + items);
    }
}
