package dev.bulwark.controlplane.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.LatencyBuckets;
import dev.bulwark.contracts.event.UsageAggregate;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The anomaly detectors end to end inside the control plane: usage aggregates written to the real
 * Redis usage stream exactly as gateways write them (with the minutes of the past hour, so a
 * baseline can be learned without waiting for it), read by the application's detector consumer,
 * baselines kept in PostgreSQL, incidents read through the HTTP API.
 */
@MicronautTest(transactional = false)
class AnomalyDetectionTest extends RealStreamsTest {

    @Inject @Client("/") HttpClient client;
    Api api;
    Api.Session owner;

    @BeforeAll
    void signUp() {
        api = new Api(client);
        owner = api.signUp(Api.unique("anomalies"));
    }

    @Test
    void aKeyFarAboveItsLearnedRateIsAnAnomalyButItsUsualSwingsAndAKeyStillLearningAreNot() {
        String apiId = Api.unique("orders");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int ago = 40; ago >= 1; ago--) { // forty minutes of a steady consumer: 50 to 70 requests a minute
            send(aggregate(apiId, "key-steady", now.minus(Duration.ofMinutes(ago)), 2, 50 + (ago % 5) * 5));
        }
        send(aggregate(apiId, "key-steady", now, 2, 600)); // ten times its usual rate
        send(aggregate(apiId, "key-new", now, 2, 600)); // a key seen for the first time: still learning

        JsonNode incident = awaitIncident("request-rate-anomaly", apiId, "key-steady");
        assertThat(incident.path("subjectKind").asText()).isEqualTo("api-key");
        assertThat(incident.path("eventCount").asLong()).isEqualTo(600);
        assertThat(incident.path("summary").asText()).startsWith("600 requests with key key-steady on API " + apiId + ", usually about");
        JsonNode evidence = api.get("/api/v1/incidents/" + incident.path("id").asText(), owner.token()).body()
                .path("timeline").get(0).path("evidence");
        assertThat(evidence.path("baseline").path("windows").asInt()).isEqualTo(40);
        assertThat(evidence.path("baseline").path("mean").asDouble()).isBetween(40.0, 70.0);
        assertThat(evidence.path("threshold").asInt()).as("the limit the baseline allowed").isBetween(100, 300);
        awaitIncident("request-rate-anomaly", apiId, apiId); // the API as a whole: the same history, 1,200 now

        awaitDrained();
        List<JsonNode> all = list("detector=request-rate-anomaly&apiId=" + apiId);
        assertThat(all).extracting(node -> node.path("subject").asText()).containsExactlyInAnyOrder("key-steady", apiId);
        assertThat(list("detector=error-rate-anomaly&apiId=" + apiId)).as("no errors at all").isEmpty();
    }

    @Test
    void aBurstOfErrorsAboveTheUsualFewIsAnErrorRateAnomaly() {
        String apiId = Api.unique("billing");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int ago = 35; ago >= 1; ago--) {
            send(aggregate(apiId, "key-app", now.minus(Duration.ofMinutes(ago)), 2, 100));
            if (ago % 3 > 0) { // 0 to 2 errors a minute
                send(aggregate(apiId, "key-app", now.minus(Duration.ofMinutes(ago)), 4, ago % 3));
            }
        }
        send(aggregate(apiId, "key-app", now, 2, 100)); // the same volume...
        send(aggregate(apiId, "key-app", now, 4, 15)); // ...below the floor of 20 failed requests: not yet
        send(aggregate(apiId, "key-app", now, 5, 40)); // 55: the key's calls now mostly fail

        JsonNode incident = awaitIncident("error-rate-anomaly", apiId, "key-app");
        assertThat(incident.path("summary").asText()).startsWith("55 failed requests with key key-app");
        JsonNode timeline = api.get("/api/v1/incidents/" + incident.path("id").asText(), owner.token()).body().path("timeline");
        assertThat(timeline).hasSize(1);
        assertThat(timeline.get(0).path("evidence").path("threshold").asInt()).isEqualTo(20);
        awaitDrained();
        assertThat(list("detector=request-rate-anomaly&apiId=" + apiId)).as("the volume is the usual one").isEmpty();
    }

    @Test
    void aTenantCanRaiseTheFloor() {
        Reply raised = api.send(Api.auth(HttpRequest.PUT("/api/v1/incident-detectors/request-rate-anomaly",
                Map.of("threshold", 5_000)).contentType(MediaType.APPLICATION_JSON_TYPE), owner.token()));
        assertThat(raised.status()).isEqualTo(200);
        try {
            String apiId = Api.unique("quiet");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            for (int ago = 35; ago >= 1; ago--) {
                send(aggregate(apiId, "key-q", now.minus(Duration.ofMinutes(ago)), 2, 10));
            }
            send(aggregate(apiId, "key-q", now, 2, 1_000));
            awaitDrained();
            assertThat(list("detector=request-rate-anomaly&apiId=" + apiId)).as("1,000 is below the tenant's floor").isEmpty();
        } finally {
            api.delete("/api/v1/incident-detectors/request-rate-anomaly", owner.token());
        }
    }

    private void send(UsageAggregate aggregate) {
        streams.addAggregate(Api.unique("ua"), aggregate);
    }

    private UsageAggregate aggregate(String apiId, String keyId, Instant minute, int statusClass, long requests) {
        long[] buckets = new long[LatencyBuckets.COUNT];
        buckets[10] = requests;
        return new UsageAggregate(minute, minute.plusSeconds(30), owner.tenantId().toString(), apiId, "app-" + keyId, keyId,
                statusClass, requests, 0, 100 * requests, 2_000 * requests, buckets);
    }

    private JsonNode awaitIncident(String detector, String apiId, String subject) {
        await().atMost(Duration.ofSeconds(60)).until(() -> list("detector=" + detector + "&apiId=" + apiId).stream()
                .anyMatch(node -> node.path("subject").asText().equals(subject)));
        return list("detector=" + detector + "&apiId=" + apiId).stream()
                .filter(node -> node.path("subject").asText().equals(subject)).findFirst().orElseThrow();
    }

    /** Waits until the detectors' group has read and acknowledged every entry written so far. */
    private void awaitDrained() {
        streams.awaitDrained(EventStreams.Kind.USAGE, "bulwark-incidents", Duration.ofSeconds(60));
    }

    private List<JsonNode> list(String query) {
        Reply reply = api.get("/api/v1/incidents?" + query, owner.token());
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.body().path("items").forEach(items::add);
        return items;
    }
}
