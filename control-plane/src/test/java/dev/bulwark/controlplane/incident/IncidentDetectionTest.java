package dev.bulwark.controlplane.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealStreamsTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detectors end to end inside the control plane: security events written to the real Redis
 * stream exactly as gateways write them, consumed by the application's own detector consumer (its
 * own group), counted in PostgreSQL, and the incidents read and triaged through the HTTP API.
 * Each test uses its own API id, so the tests share one tenant without seeing each other's groups.
 */
@MicronautTest(transactional = false)
class IncidentDetectionTest extends RealStreamsTest {

    @Inject @Client("/") HttpClient client;
    Api api;
    Api.Session owner;

    @BeforeAll
    void signUp() {
        api = new Api(client);
        owner = api.signUp(Api.unique("incidents"));
    }

    @Test
    void credentialStuffingFromOneAddressOpensOneIncidentAndRedeliveriesCountOnce() {
        String apiId = Api.unique("login");
        Instant at = Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = Api.unique("cs");
            ids.add(id);
            send(id, event(SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", apiId, null, "203.0.113.7", "/login", at));
        }
        for (String id : ids.subList(0, 5)) { // a gateway retrying: same delivery ids
            send(id, event(SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", apiId, null, "203.0.113.7", "/login", at));
        }
        for (int i = 0; i < 5; i++) { // a user mistyping a key: below the threshold
            send(Api.unique("typo"), event(SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", apiId, null,
                    "198.51.100.2", "/login", at));
        }
        awaitIncident("credential-stuffing", apiId);
        awaitDrained();
        JsonNode incident = list("detector=credential-stuffing&apiId=" + apiId).get(0);
        assertThat(incident.path("subject").asText()).isEqualTo("203.0.113.7");
        assertThat(incident.path("subjectKind").asText()).isEqualTo("client-address");
        assertThat(incident.path("status").asText()).isEqualTo("open");
        assertThat(incident.path("severity").asText()).isEqualTo("high");
        assertThat(incident.path("eventCount").asLong()).isEqualTo(25);
        // the summary states the count when the threshold was crossed (batch boundaries decide whether
        // that was the 21st or the 25th failure); eventCount above keeps the running total
        assertThat(incident.path("summary").asText()).matches("(2[1-5]) authentication failures from 203\\.0\\.113\\.7 .*");
        assertThat(list("detector=credential-stuffing&apiId=" + apiId)).hasSize(1);
        assertThat(list("detector=key-guessing&apiId=" + apiId)).as("two addresses are far from key guessing's 100").isEmpty();

        JsonNode detail = api.get("/api/v1/incidents/" + incident.path("id").asText(), owner.token()).body();
        JsonNode opened = detail.path("timeline").get(0);
        assertThat(opened.path("kind").asText()).isEqualTo("opened");
        assertThat(opened.path("evidence").path("threshold").asInt()).isEqualTo(20);
        assertThat(opened.path("evidence").path("windowSeconds").asInt()).isEqualTo(60);
        assertThat(opened.path("evidence").path("samples")).hasSizeBetween(1, 5);
        assertThat(opened.path("evidence").path("samples").get(0).path("errorKey").asText()).isEqualTo("API_KEY_INVALID");
    }

    @Test
    void oneConsumerWalkingObjectIdsIsAnEnumerationButRepeatingOneIdIsNot() {
        String apiId = Api.unique("pets");
        Instant at = Instant.now();
        for (int i = 1; i <= 12; i++) {
            send(Api.unique("en"), event(SecurityEventType.AUTHORIZATION_FAILURE, "OPERATION_NOT_ALLOWED", apiId, "app-walker",
                    "192.0.2.10", "/pets/" + i, at));
        }
        for (int i = 0; i < 30; i++) {
            send(Api.unique("rep"), event(SecurityEventType.AUTHORIZATION_FAILURE, "OPERATION_NOT_ALLOWED", apiId, "app-retry",
                    "192.0.2.11", "/pets/1", at));
        }
        awaitIncident("enumeration", apiId);
        awaitDrained();
        JsonNode incident = list("detector=enumeration&apiId=" + apiId).get(0);
        assertThat(incident.path("subject").asText()).isEqualTo("app-walker");
        assertThat(incident.path("subjectKind").asText()).isEqualTo("application");
        assertThat(incident.path("applicationId").asText()).isEqualTo("app-walker");
        assertThat(list("detector=enumeration&apiId=" + apiId)).as("the retrying app walks no ids").hasSize(1);
        JsonNode evidence = api.get("/api/v1/incidents/" + incident.path("id").asText(), owner.token()).body()
                .path("timeline").get(0).path("evidence");
        // The evidence is the window as it stood when the threshold was crossed (batches may split the walk).
        assertThat(evidence.path("distinctValues").asInt()).isBetween(10, 12);
        assertThat(incident.path("eventCount").asLong()).isEqualTo(12);
    }

    @Test
    void anInjectionBurstIsTriagedAndReopensWhenItRecurs() {
        String apiId = Api.unique("search");
        Instant at = Instant.now();
        for (int i = 0; i < 6; i++) {
            send(Api.unique("inj"), injection(apiId, at));
        }
        JsonNode incident = awaitIncident("injection-burst", apiId);
        String path = "/api/v1/incidents/" + incident.path("id").asText();
        JsonNode sample = api.get(path, owner.token()).body().path("timeline").get(0).path("evidence").path("samples").get(0);
        assertThat(sample.path("ruleId").asText()).isEqualTo("sql-union-select");
        assertThat(sample.path("location").asText()).isEqualTo("query.q");

        assertThat(api.post(path + "/acknowledge", Map.of(), owner.token()).body().path("status").asText()).isEqualTo("acknowledged");
        Reply assigned = put(path + "/assignee", Map.of("assignee", owner.email()));
        assertThat(assigned.body().path("assignee").asText()).isEqualTo(owner.email());
        assertThat(api.post(path + "/notes", Map.of("text", "blocked at the WAF, watching"), owner.token()).status()).isEqualTo(201);
        Reply resolved = api.post(path + "/resolve", Map.of(), owner.token());
        assertThat(resolved.body().path("status").asText()).isEqualTo("resolved");
        assertThat(api.post(path + "/acknowledge", Map.of(), owner.token()).key()).isEqualTo("INCIDENT_RESOLVED");

        List<String> kinds = new ArrayList<>();
        api.get(path, owner.token()).body().path("timeline").forEach(entry -> kinds.add(entry.path("kind").asText()));
        assertThat(kinds).containsExactly("opened", "acknowledged", "assigned", "note", "resolved");
        Reply audit = api.get("/api/v1/audit-events?resourceType=incident&resourceId=" + incident.path("id").asText(), owner.token());
        assertThat(audit.body().toString()).contains("incident.acknowledge", "incident.resolve", "incident.note");

        Instant back = Instant.now();
        for (int i = 0; i < 6; i++) { // the attacker comes back
            send(Api.unique("inj"), injection(apiId, back));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(path, owner.token()).body().path("incident")
                .path("status").asText().equals("open"));
        awaitDrained();
        JsonNode reopened = api.get(path, owner.token()).body().path("incident");
        assertThat(reopened.path("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.path("eventCount").asLong()).isEqualTo(12);
        assertThat(list("detector=injection-burst&apiId=" + apiId)).as("reopened, not duplicated").hasSize(1);
    }

    @Test
    void aBenignBurstOfMistypedKeysIsNotKeyGuessingButOneAddressMoreThanTheThresholdIs() {
        String apiId = Api.unique("typos");
        Instant at = Instant.now();
        for (int user = 0; user < 50; user++) { // the benign replay: 100 mistyped keys, two from each of 50 users
            for (int typo = 0; typo < 2; typo++) {
                send(Api.unique("bt"), event(SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", apiId, null,
                        "10.1.0." + (user + 1), "/pets", at));
            }
        }
        for (int user = 50; user < 100; user++) { // exactly the threshold of 100 addresses is still normal
            send(Api.unique("bt"), event(SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", apiId, null,
                    "10.1.1." + (user + 1), "/pets", at));
        }
        awaitDrained();
        assertThat(list("detector=key-guessing&apiId=" + apiId)).as("150 failures from 100 addresses").isEmpty();

        send(Api.unique("bt"), event(SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", apiId, null,
                "10.1.2.1", "/pets", at));
        JsonNode incident = awaitIncident("key-guessing", apiId);
        assertThat(incident.path("subjectKind").asText()).isEqualTo("api");
        assertThat(incident.path("summary").asText()).startsWith("151 authentication failures from 101 client addresses");
        JsonNode evidence = api.get("/api/v1/incidents/" + incident.path("id").asText(), owner.token()).body()
                .path("timeline").get(0).path("evidence");
        assertThat(evidence.path("distinctValues").asInt()).isEqualTo(101);
        assertThat(list("detector=credential-stuffing&apiId=" + apiId)).isEmpty();
    }

    @Test
    void tenantOverridesChangeThresholdsAndSwitchDetectorsOff() {
        String apiId = Api.unique("orders");
        Reply lowered = put("/api/v1/incident-detectors/contract-violation-burst", Map.of("threshold", 3, "windowSeconds", 120));
        assertThat(lowered.status()).isEqualTo(200);
        assertThat(lowered.body().path("overridden").asBoolean()).isTrue();
        assertThat(put("/api/v1/incident-detectors/data-exposure", Map.of("enabled", false)).status()).isEqualTo(200);
        Instant at = Instant.now();
        for (int i = 0; i < 10; i++) {
            send(Api.unique("dx"), event(SecurityEventType.DATA_EXPOSURE, "RESPONSE_FILTERED", apiId, null, "192.0.2.30", "/orders/1", at));
        }
        for (int i = 0; i < 4; i++) { // one above the lowered threshold
            send(Api.unique("cv"), event(SecurityEventType.CONTRACT_VIOLATION, "REQUEST_INVALID", apiId, null, "192.0.2.31", "/orders", at));
        }
        JsonNode incident = awaitIncident("contract-violation-burst", apiId);
        assertThat(incident.path("summary").asText()).endsWith("within 120 s");
        // Entries are processed in stream order: the data-exposure events came first and opened nothing.
        assertThat(list("detector=data-exposure&apiId=" + apiId)).isEmpty();

        JsonNode detectors = api.get("/api/v1/incident-detectors", owner.token()).body();
        assertThat(detectors.findValues("detector")).hasSize(Detector.values().length);
        Reply reset = api.delete("/api/v1/incident-detectors/contract-violation-burst", owner.token());
        assertThat(reset.body().path("threshold").asInt()).isEqualTo(20);
        assertThat(reset.body().path("overridden").asBoolean()).isFalse();
    }

    @Test
    void badInputNamesTheField() {
        Reply status = api.get("/api/v1/incidents?status=burning", owner.token());
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.body().path("errors").get(0).path("path").asText()).isEqualTo("status");
        Reply threshold = put("/api/v1/incident-detectors/credential-stuffing", Map.of("threshold", 0));
        assertThat(threshold.status()).isEqualTo(400);
        assertThat(threshold.body().path("errors").get(0).path("path").asText()).isEqualTo("threshold");
        assertThat(put("/api/v1/incident-detectors/no-such-detector", Map.of("threshold", 5)).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/incidents/" + UUID.randomUUID(), owner.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/incidents/not-a-uuid", owner.token()).status()).isEqualTo(404);
        Reply note = api.post("/api/v1/incidents/" + UUID.randomUUID() + "/notes", Map.of("text", " "), owner.token());
        assertThat(note.status()).isEqualTo(400);
        assertThat(note.body().path("errors").get(0).path("path").asText()).isEqualTo("text");
        Reply counts = api.get("/api/v1/incidents/counts", owner.token());
        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.body().has("activeBySeverity")).isTrue();
    }

    private JsonNode awaitIncident(String detector, String apiId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !list("detector=" + detector + "&apiId=" + apiId).isEmpty());
        return list("detector=" + detector + "&apiId=" + apiId).get(0);
    }

    /** Waits until the detectors' group has read and acknowledged every entry written so far. */
    private void awaitDrained() {
        streams.awaitDrained(EventStreams.Kind.SECURITY, "bulwark-incidents", Duration.ofSeconds(30));
    }

    private List<JsonNode> list(String query) {
        Reply reply = api.get("/api/v1/incidents?" + query, owner.token());
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.body().path("items").forEach(items::add);
        return items;
    }

    private Reply put(String path, Object body) {
        return api.send(Api.auth(HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), owner.token()));
    }

    private void send(String deliveryId, SecurityEvent event) {
        streams.add(EventStreams.Kind.SECURITY, deliveryId, event);
    }

    private SecurityEvent event(SecurityEventType type, String key, String apiId, String appId, String ip, String path, Instant at) {
        return new SecurityEvent(Api.unique("ev"), at, "production", type, key, owner.tenantId().toString(), apiId, appId, ip,
                "GET", path, null);
    }

    private SecurityEvent injection(String apiId, Instant at) {
        return new SecurityEvent(Api.unique("ev"), at, "production", SecurityEventType.INJECTION, "THREAT_DETECTED",
                owner.tenantId().toString(), apiId, null, "192.0.2.66", "GET", "/search", null,
                new ThreatMatch("sql-union-select", ThreatFamily.SQL, "query.q", true));
    }
}
