package dev.bulwark.dataplane.policy.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Contract validation through a real gateway and a real upstream: every kind of violation is
 * refused before the upstream sees it (block) or recorded and forwarded (report), and what passes
 * is forwarded byte for byte.
 */
@ExtendWith(RealServicesExtension.class)
class ContractValidationGatewayTest {
    private static final String UUID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SecurityEvent> events = new ConcurrentLinkedQueue<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private TestUpstream upstream;
    private GatewayHarness gateway;

    @BeforeEach
    void start(TestRedis redis) throws Exception {
        upstream = TestUpstream.start(vertx, request -> request.body().onSuccess(body -> {
            received.add(request.method() + " " + request.uri() + " " + body);
            request.response().putHeader("content-type", "application/json").end("{\"ok\":true}");
        }));
        gateway = GatewayHarness.start(redis, ContractGatewayFixture.snapshot(upstream.url()), Map.of(),
                ContractGatewayFixture.sink(events), ContractGatewayFixture.POLICIES);
    }

    @AfterEach
    void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void requestsTheContractDescribesAreForwardedByteForByte() throws Exception {
        assertThat(send("GET", "/shop/items/5?verbose=true", null, null, "X-Trace", UUID).statusCode()).isEqualTo(200);
        String body = "{ \"name\" : \"pen\", \"price\": 1.50 }";
        assertThat(send("POST", "/shop/items", "application/json", body).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/shop/items?limit=10&tags=red,green", null, null).statusCode()).isEqualTo(200);
        assertThat(received).containsExactly("GET /items/5?verbose=true ", "POST /items " + body, "GET /items?limit=10&tags=red,green ");
        assertThat(events).isEmpty();
    }

    @Test
    void parameterViolationsAreRefusedEachByLocation() throws Exception {
        HttpResponse<String> response = send("GET", "/shop/items/0?verbose=maybe&debug=%3Cscript%3E", null, null, "X-Trace", "nope");

        assertProblem(response, 400, "REQUEST_INVALID", Map.of("path.id", "must be at least 1", "query.verbose", "must be a boolean",
                "header.x-trace", "must be a valid uuid", "query.debug", "is not a parameter of this operation"));
        assertThat(response.body()).doesNotContain("script").doesNotContain("nope").doesNotContain("maybe");
        assertThat(upstream.requests).hasValue(0);
        SecurityEvent event = awaitEvent();
        assertThat(event.type()).isEqualTo(SecurityEventType.CONTRACT_VIOLATION);
        assertThat(event.errorKey()).isEqualTo("REQUEST_INVALID");
        assertThat(event.threat()).isEqualTo(new ThreatMatch("contract-parameters", null, "path.id", true));
    }

    @Test
    void aBacktrackingPatternInTheContractCannotStallTheGateway() throws Exception {
        HttpResponse<String> response = send("GET", "/shop/items?sort=" + "a".repeat(3_000) + "!", null, null);

        assertProblem(response, 400, "REQUEST_INVALID", Map.of("query.sort", "does not match the required pattern"));
    }

    @Test
    void bodyViolationsAreRefusedEachByLocation() throws Exception {
        HttpResponse<String> response = send("POST", "/shop/items", "application/json",
                "{\"id\":1,\"name\":\"pen\",\"price\":-2,\"kind\":{\"ink\":\"red\"},\"secret\":\"s3cr3t\"}");

        // oneOf: the branch errors say why neither alternative matched
        assertProblem(response, 400, "REQUEST_INVALID", Map.of("body/id", "is read-only and cannot be sent",
                "body/price", "must be at least 0", "body/kind", "must match exactly one of the allowed schemas",
                "body/kind/isbn", "is required", "body/kind/ink", "must be one of the allowed values", "body/secret", "is not allowed"));
        assertThat(response.body()).doesNotContain("s3cr3t");
        assertThat(upstream.requests).hasValue(0);
        assertThat(awaitEvent().threat()).isEqualTo(new ThreatMatch("contract-body", null, "body/id", true));
    }

    @Test
    void presenceAndContentTypeOfBodiesAreEnforced() throws Exception {
        assertProblem(send("POST", "/shop/items", "application/json", ""), 400, "REQUEST_INVALID", Map.of("body", "is required"));
        assertProblem(send("DELETE", "/shop/items/3", "application/json", "{}"), 400, "REQUEST_INVALID",
                Map.of("body", "is not accepted by this operation"));
        assertProblem(send("POST", "/shop/items", "text/plain", "name=pen"), 415, "UNSUPPORTED_MEDIA_TYPE", Map.of());
        assertThat(upstream.requests).hasValue(0);
    }

    @Test
    void bodiesBeyondTheStructureLimitsAreRefusedByName() throws Exception {
        HttpResponse<String> deep = send("POST", "/shop/items", "application/json", "[".repeat(100_000) + "]".repeat(100_000));
        assertProblem(deep, 413, "BODY_LIMIT_EXCEEDED", Map.of());
        assertThat(deep.body()).contains("maxDepth (32)");
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            parts.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        HttpResponse<String> many = send("POST", "/shop/items", "multipart/form-data; boundary=b", parts + "--b--\r\n");
        assertProblem(many, 413, "BODY_LIMIT_EXCEEDED", Map.of());
        assertThat(many.body()).contains("maxParts (100)");
        assertThat(upstream.requests).hasValue(0);
        assertThat(awaitEvent().type()).isEqualTo(SecurityEventType.REQUEST_TOO_LARGE);
    }

    @Test
    void xmlEntitiesNeverExpandAndNeverReachOut() throws Exception {
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]><lolz>&lol2;</lolz>";
        assertProblem(send("POST", "/shop/items", "application/xml", billionLaughs), 400, "XML_DTD_FORBIDDEN", Map.of());
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE item [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><item>&xxe;</item>";
        assertProblem(send("POST", "/shop/items", "application/xml", xxe), 400, "XML_DTD_FORBIDDEN", Map.of());
        assertThat(send("POST", "/shop/items", "application/xml", "<item><name>pen</name></item>").statusCode()).isEqualTo(200);
        assertThat(upstream.requests).hasValue(1);
    }

    @Test
    void operationsTheDocumentDoesNotDefineAreRefusedUnlessTheApiForwardsThem() throws Exception {
        assertProblem(send("GET", "/open/anything", null, null), 404, "OPERATION_NOT_DEFINED", Map.of());
        assertThat(send("PATCH", "/shop/items", "application/json", "{}").statusCode()).as("routing: no such method").isEqualTo(405);
        assertThat(send("GET", "/shop/unknown", null, null).statusCode()).isEqualTo(404);
        // rejectUndefinedOperations: false forwards them with the API's policies; defined ones are still checked
        assertThat(send("POST", "/partial/not/in/the/document?x=1", "application/json", "{\"a\":1}").statusCode()).isEqualTo(200);
        assertProblem(send("GET", "/partial/known?x=1", null, null), 400, "REQUEST_INVALID",
                Map.of("query.x", "is not a parameter of this operation"));
        assertThat(received).containsExactly("POST /not/in/the/document?x=1 {\"a\":1}");
    }

    @Test
    void reportModeRecordsTheViolationAndForwards() throws Exception {
        String invalid = "{\"name\":\"pen\",\"price\":-1}";
        HttpResponse<String> response = send("POST", "/shop/drafts", "application/json", invalid);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).containsExactly("POST /drafts " + invalid);
        SecurityEvent event = awaitEvent();
        assertThat(event.type()).isEqualTo(SecurityEventType.CONTRACT_VIOLATION);
        assertThat(event.threat()).isEqualTo(new ThreatMatch("contract-body", null, "body/price", false));
        // a catch-all API in report mode: the undefined operation and the body over its limits are both reported
        assertThat(send("POST", "/reported/x", "application/json", "[1,2,3,4,5]").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 3);
        assertThat(events).extracting(SecurityEvent::threat).contains(
                new ThreatMatch("contract-undefined-operation", null, "path", false), new ThreatMatch("body-limit", null, "body", false));
    }

    private SecurityEvent awaitEvent() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        return events.peek();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String key, Map<String, String> errors) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("key")).isEqualTo(key);
        JsonArray listed = problem.getJsonArray("errors", new JsonArray());
        Map<String, String> byLocation = new java.util.HashMap<>();
        listed.forEach(entry -> byLocation.put(((JsonObject) entry).getString("location"), ((JsonObject) entry).getString("reason")));
        assertThat(byLocation).isEqualTo(errors);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
