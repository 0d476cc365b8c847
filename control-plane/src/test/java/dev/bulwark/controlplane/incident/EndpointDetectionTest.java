package dev.bulwark.controlplane.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.contracts.event.EventStreams;
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
 * The detectors over the gateways' endpoint aggregates, end to end in the control plane: aggregates
 * written to the real endpoint stream as gateways write them, consumed by the detectors' group,
 * counted in PostgreSQL, incidents read through the HTTP API.
 */
@MicronautTest(transactional = false)
class EndpointDetectionTest extends RealStreamsTest {
    /** GET /customers/{customerId} returns personal data (email, phone); GET /stats does not. */
    private static final String CUSTOMERS = """
            {"openapi":"3.0.3","info":{"title":"Customers","version":"1.0"},
             "paths":{
              "/customers/{customerId}":{"get":{"operationId":"getCustomer",
                "parameters":[{"name":"customerId","in":"path","required":true,"schema":{"type":"string"}}],
                "responses":{"200":{"description":"a customer","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Customer"}}}}}}},
              "/stats":{"get":{"operationId":"getStats",
                "responses":{"200":{"description":"counts","content":{"application/json":{"schema":{"type":"object",
                  "properties":{"total":{"type":"integer"}}}}}}}}}},
             "components":{"schemas":{"Customer":{"type":"object","properties":{
               "id":{"type":"string"},"email":{"type":"string","format":"email"},"phone":{"type":"string"}}}}}}""";

    @Inject @Client("/") HttpClient client;
    Api api;
    Api.Session owner;

    @BeforeAll
    void signUp() {
        api = new Api(client);
        owner = api.signUp(Api.unique("endpoints"));
    }

    @Test
    void aKeyWalkingIdsTheUpstreamDeniesIsAnObjectEnumerationButAReaderWithFewMissesIsNot() {
        String apiId = Api.unique("orders");
        Instant at = Instant.now();
        // 25 distinct denied ids of 30 requests, split over two flushes: above 20, and most requests denied
        send(aggregate(apiId, "getOrder", true, "key-walker", null, at, 15, 13, ids(0, 13)));
        send(aggregate(apiId, "getOrder", true, "key-walker", null, at, 15, 12, ids(13, 25)));
        // 25 distinct misses, but among 400 reads: a client listing what it may read
        send(aggregate(apiId, "getOrder", true, "key-reader", null, at, 400, 25, ids(100, 125)));
        // an anonymous client walking: attributed to its address
        send(aggregate(apiId, "getOrder", true, null, "198.51.100.9", at, 22, 22, ids(200, 222)));
        // denials on an operation without an object id are not a walk
        send(aggregate(apiId, "listOrders", false, "key-lister", null, at, 50, 50, List.of()));

        List<JsonNode> incidents = awaitIncidents("object-enumeration", apiId, 2);
        awaitDrained();
        assertThat(list("detector=object-enumeration&apiId=" + apiId)).extracting(i -> i.path("subject").asText())
                .containsExactlyInAnyOrder("key-walker", "198.51.100.9");
        JsonNode walker = incidents.stream().filter(i -> i.path("subject").asText().equals("key-walker")).findFirst().orElseThrow();
        assertThat(walker.path("subjectKind").asText()).isEqualTo("api-key");
        assertThat(walker.path("severity").asText()).isEqualTo("high");
        assertThat(walker.path("eventCount").asLong()).isEqualTo(30);
        assertThat(walker.path("summary").asText()).startsWith("25 distinct objects answered 403/404 by the upstream");
        JsonNode evidence = timeline(walker).get(0).path("evidence");
        assertThat(evidence.path("threshold").asInt()).isEqualTo(20);
        assertThat(evidence.path("distinctValues").asInt()).isEqualTo(25);
        assertThat(evidence.path("endpoints").get(0).asText()).isEqualTo("getOrder");
        JsonNode anonymous = incidents.stream().filter(i -> i.path("subject").asText().equals("198.51.100.9")).findFirst()
                .orElseThrow();
        assertThat(anonymous.path("subjectKind").asText()).isEqualTo("client-address");
    }

    @Test
    void bulkReadsOfAnOperationReturningPersonalDataAreScrapingAndOtherReadsAreNot() {
        Reply created = api.post("/api/v1/apis", Map.of("name", "Customers", "openapi", CUSTOMERS,
                "basePath", "/customers-" + java.util.UUID.randomUUID().toString().substring(0, 8), "upstreamUrls", List.of("https://203.0.113.60")),
                owner.token());
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String apiId = created.body().path("id").asText();
        Instant at = Instant.now();
        for (int i = 0; i < 3; i++) {
            send(aggregate(apiId, "getCustomer", true, "key-scraper", null, at, 400, 0, List.of()));
            send(aggregate(apiId, "getStats", false, "key-dashboard", null, at, 2_000, 0, List.of()));
        }
        send(aggregate(apiId, "getCustomer", true, "key-app", null, at, 300, 0, List.of()));

        JsonNode incident = awaitIncidents("scraping", apiId, 1).getFirst();
        awaitDrained();
        assertThat(list("detector=scraping&apiId=" + apiId)).as("the stats reader and the light user are no scrapers").hasSize(1);
        assertThat(incident.path("subject").asText()).isEqualTo("key-scraper");
        assertThat(incident.path("subjectKind").asText()).isEqualTo("api-key");
        assertThat(incident.path("eventCount").asLong()).isEqualTo(1_200);
        assertThat(incident.path("summary").asText()).contains("requests to operations returning personal data from key key-scraper");
        JsonNode evidence = timeline(incident).get(0).path("evidence");
        assertThat(evidence.path("threshold").asInt()).isEqualTo(1_000);
        assertThat(evidence.path("windowSeconds").asInt()).isEqualTo(300);
        assertThat(evidence.path("endpoints").get(0).asText()).isEqualTo("getCustomer");
    }

    @Test
    void trafficToPathsTheApiDoesNotDeclareIsAShadowEndpointIncidentWithATenantThreshold() {
        String apiId = Api.unique("legacy");
        Instant at = Instant.now();
        send(undocumented(apiId, "GET /internal/users/{id}/export", "198.51.100.20", at, 4));
        send(undocumented(apiId, "GET /internal/users/{id}/export", "198.51.100.21", at, 3));
        awaitDrained();
        assertThat(list("detector=shadow-endpoint&apiId=" + apiId)).as("7 requests: below the default 20").isEmpty();

        Reply lowered = api.send(Api.auth(HttpRequest.PUT("/api/v1/incident-detectors/shadow-endpoint", Map.of("threshold", 5))
                .contentType(MediaType.APPLICATION_JSON_TYPE), owner.token()));
        assertThat(lowered.status()).isEqualTo(200);
        try {
            String other = Api.unique("legacy");
            send(undocumented(other, "GET /debug/vars", "198.51.100.20", at, 4));
            send(undocumented(other, "POST /admin/{id}", "198.51.100.22", at, 2));
            JsonNode incident = awaitIncidents("shadow-endpoint", other, 1).getFirst();
            assertThat(incident.path("subjectKind").asText()).isEqualTo("api");
            assertThat(incident.path("subject").asText()).isEqualTo(other);
            assertThat(incident.path("eventCount").asLong()).isEqualTo(6);
            assertThat(incident.path("severity").asText()).isEqualTo("medium");
            JsonNode evidence = timeline(incident).get(0).path("evidence");
            assertThat(evidence.path("threshold").asInt()).isEqualTo(5);
            List<String> endpoints = new ArrayList<>();
            evidence.path("endpoints").forEach(e -> endpoints.add(e.asText()));
            // the crossing batch's endpoints: the last one always, the first too when one batch read both
            assertThat(endpoints).contains("POST /admin/{id}").isSubsetOf("GET /debug/vars", "POST /admin/{id}");
        } finally {
            api.delete("/api/v1/incident-detectors/shadow-endpoint", owner.token());
        }
    }

    @Test
    void probesTheGatewayRefusedUnderAnApiOpenAShadowEndpointIncidentThatTellsThemFromForwardedPaths() {
        String apiId = Api.unique("strict");
        Instant at = Instant.now();
        // An old gateway's aggregate has no refusedStatus: read as forwarded by a fallback route.
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        streams.addRaw(EventStreams.Kind.ENDPOINT, Map.of(EventStreams.FIELD_ID, Api.unique("old-gateway"), EventStreams.FIELD_VERSION,
                EventStreams.ENDPOINT_VERSION, EventStreams.FIELD_EVENT, "{\"minute\":\"" + minute + "\",\"lastAt\":\"" + at
                        + "\",\"tenantId\":\"" + owner.tenantId() + "\",\"apiId\":\"" + apiId
                        + "\",\"endpoint\":\"GET /legacy/export\",\"documented\":false,\"objectIds\":false,"
                        + "\"clientIp\":\"198.51.100.30\",\"requests\":3,\"denied\":0,\"deniedIds\":[]}"));
        send(refused(apiId, "GET /v0/admin", "198.51.100.31", at, 8, 404));
        send(refused(apiId, "DELETE /orders/{id}", "198.51.100.31", at, 4, 405));
        awaitDrained();
        assertThat(list("detector=shadow-endpoint&apiId=" + apiId)).as("15 requests: below the default 20").isEmpty();
        send(refused(apiId, "GET /internal/users/{id}", "198.51.100.32", at, 6, 404));

        JsonNode incident = awaitIncidents("shadow-endpoint", apiId, 1).getFirst();
        assertThat(incident.path("subjectKind").asText()).isEqualTo("api");
        assertThat(incident.path("eventCount").asLong()).as("refused and forwarded requests alike").isEqualTo(21);
        JsonNode evidence = timeline(incident).get(0).path("evidence");
        List<String> endpoints = new ArrayList<>();
        evidence.path("endpoints").forEach(e -> endpoints.add(e.asText()));
        List<String> refused = new ArrayList<>();
        evidence.path("refusedEndpoints").forEach(e -> refused.add(e.asText()));
        // the crossing batch's endpoints: the refused probe that crossed the threshold
        assertThat(endpoints).containsExactly("GET /internal/users/{id}");
        assertThat(refused).containsExactly("GET /internal/users/{id}");
    }

    @Test
    void aForwardedPathIsNotListedAsRefused() {
        String apiId = Api.unique("legacy");
        Instant at = Instant.now();
        send(undocumented(apiId, "GET /legacy/export", "198.51.100.40", at, 30));
        JsonNode incident = awaitIncidents("shadow-endpoint", apiId, 1).getFirst();
        JsonNode evidence = timeline(incident).get(0).path("evidence");
        assertThat(evidence.path("endpoints").get(0).asText()).isEqualTo("GET /legacy/export");
        assertThat(evidence.has("refusedEndpoints")).as("nothing was refused").isFalse();
    }

    @Test
    void aMalformedEndpointEntryIsAcknowledgedWithoutAnIncident() {
        String apiId = Api.unique("bad");
        streams.addRaw(EventStreams.Kind.ENDPOINT, Map.of(EventStreams.FIELD_ID, Api.unique("bad"), EventStreams.FIELD_VERSION,
                EventStreams.ENDPOINT_VERSION, EventStreams.FIELD_EVENT, "{\"tenantId\":\"" + owner.tenantId() + "\",\"apiId\":\""
                        + apiId + "\",\"requests\":-5}"));
        streams.addRaw(EventStreams.Kind.ENDPOINT, Map.of(EventStreams.FIELD_ID, Api.unique("old"), EventStreams.FIELD_VERSION,
                EventStreams.SCHEMA_VERSION, EventStreams.FIELD_EVENT, "{}"));
        awaitDrained();
        assertThat(streams.pending(EventStreams.Kind.ENDPOINT, "bulwark-incidents")).isZero();
        assertThat(list("apiId=" + apiId)).isEmpty();
    }

    private EndpointAggregate aggregate(String apiId, String operation, boolean objectIds, String keyId, String ip, Instant at,
                                        long requests, long denied, List<String> deniedIds) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        return new EndpointAggregate(minute, at, owner.tenantId().toString(), apiId, operation, true, objectIds,
                keyId == null ? null : "app-" + keyId, keyId, ip == null ? "203.0.113.5" : ip, requests, denied, deniedIds);
    }

    private EndpointAggregate undocumented(String apiId, String label, String ip, Instant at, long requests) {
        return new EndpointAggregate(at.truncatedTo(ChronoUnit.MINUTES), at, owner.tenantId().toString(), apiId, label, false,
                false, null, null, ip, requests, 0, List.of());
    }

    private EndpointAggregate refused(String apiId, String label, String ip, Instant at, long requests, int status) {
        return new EndpointAggregate(at.truncatedTo(ChronoUnit.MINUTES), at, owner.tenantId().toString(), apiId, label, false,
                false, null, null, ip, requests, 0, List.of(), status);
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(String.format("%08x", i * 7919));
        }
        return ids;
    }

    private void send(EndpointAggregate aggregate) {
        streams.addEndpoint(Api.unique("ep"), aggregate);
    }

    private List<JsonNode> awaitIncidents(String detector, String apiId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> list("detector=" + detector + "&apiId=" + apiId).size() >= count);
        return list("detector=" + detector + "&apiId=" + apiId);
    }

    private JsonNode timeline(JsonNode incident) {
        return api.get("/api/v1/incidents/" + incident.path("id").asText(), owner.token()).body().path("timeline");
    }

    private void awaitDrained() {
        streams.awaitDrained(EventStreams.Kind.ENDPOINT, "bulwark-incidents", Duration.ofSeconds(30));
    }

    private List<JsonNode> list(String query) {
        Reply reply = api.get("/api/v1/incidents?" + query, owner.token());
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.body().path("items").forEach(items::add);
        return items;
    }
}
