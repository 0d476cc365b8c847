package dev.bulwark.dataplane.policy.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.ResponseValidationMode;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
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

/** Response protection through a real gateway: what the upstream answers is checked before a byte reaches the client. */
@ExtendWith(RealServicesExtension.class)
class ResponseProtectionGatewayTest {
    private static final String USER = "{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{\"id\":{\"type\":\"integer\"},"
            + "\"name\":{\"type\":\"string\"}}}";
    private static final String LEAKY = "{\"id\":1,\"name\":\"ada\",\"passwordHash\":\"$2a$10$abcdefghij\"}";
    private static final String TRACE = "java.lang.IllegalStateException: pool exhausted\n\tat com.example.Db.get(Db.java:42)\n";

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<SecurityEvent> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> acceptEncodings = new ConcurrentLinkedQueue<>();
    private TestUpstream upstream;
    private GatewayHarness gateway;

    @BeforeEach
    void start(TestRedis redis) throws Exception {
        upstream = TestUpstream.start(vertx, request -> {
            acceptEncodings.add(String.valueOf(request.getHeader("accept-encoding")));
            String path = request.path();
            if (path.endsWith("/crash")) {
                request.response().setStatusCode(500).putHeader("content-type", "text/plain").end(TRACE);
            } else if (path.endsWith("/missing")) {
                request.response().setStatusCode(404).putHeader("content-type", "application/json").end("{\"title\":\"No such user\"}");
            } else if (path.endsWith("/huge")) {
                request.response().putHeader("content-type", "application/json").end("{\"id\":1,\"name\":\"" + "x".repeat(5_000) + "\"}");
            } else {
                request.response().putHeader("content-type", "application/json").end(LEAKY);
            }
        });
        ContractValidationConfig filter = new ContractValidationConfig(null, null, null, null, null, null, ResponseValidationMode.FILTER,
                null, 4_096L);
        ContractValidationConfig block = new ContractValidationConfig(null, null, null, null, null, null, ResponseValidationMode.BLOCK,
                null, null);
        ContractValidationConfig report = new ContractValidationConfig(null, null, null, null, null, null, ResponseValidationMode.REPORT,
                null, null);
        ApiEntry users = new ApiEntry("users", "tenant-1", "users", null, "/users", List.of(upstream.url()), List.of(
                operation("filtered", "/filtered", List.of()), operation("blocked", "/blocked", List.of(block)),
                operation("reported", "/reported", List.of(report)), operation("crash", "/crash", List.of()),
                operation("missing", "/missing", List.of()), operation("huge", "/huge", List.of())),
                List.of(filter), Snapshots.LOOPBACK, null, null);
        gateway = GatewayHarness.start(redis, Snapshots.of(1, users), Map.of(), ContractGatewayFixture.sink(events),
                ContractGatewayFixture.POLICIES);
    }

    private static OperationEntry operation(String id, String template, List<dev.bulwark.contracts.policy.PolicyConfig> policies) {
        return new OperationEntry(id, "GET", template, List.of(), policies, new OperationContract(List.of(), null, List.of(
                new OperationContract.Response("200", List.of(new OperationContract.Media("application/json", USER))),
                new OperationContract.Response("default", List.of()))));
    }

    @AfterEach
    void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void propertiesTheContractDoesNotDeclareAreRemoved() throws Exception {
        HttpResponse<String> response = get("/users/filtered");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"id\":1,\"name\":\"ada\"}");
        assertThat(response.headers().firstValue("content-length")).hasValue(Integer.toString(response.body().length()));
        assertThat(acceptEncodings).containsExactly("null");
        assertThat(awaitEvent().threat()).isEqualTo(new ThreatMatch("response-undeclared-properties", null, "response/passwordHash", true));
    }

    @Test
    void blockModeRefusesTheWholeResponseWithoutDescribingIt() throws Exception {
        HttpResponse<String> response = get("/users/blocked");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(response.body()).getString("key")).isEqualTo("RESPONSE_INVALID");
        JsonObject problem = new JsonObject(response.body());
        problem.remove("requestId"); // random hex: it may hold "ada" by chance
        assertThat(problem.encode()).doesNotContain("passwordHash").doesNotContain("ada");
        SecurityEvent event = awaitEvent();
        assertThat(event.type()).isEqualTo(SecurityEventType.DATA_EXPOSURE);
        assertThat(event.threat()).isEqualTo(new ThreatMatch("response-contract", null, "response/passwordHash", true));
    }

    @Test
    void reportModeRecordsAndRelaysUnchanged() throws Exception {
        HttpResponse<String> response = get("/users/reported");

        assertThat(response.body()).isEqualTo(LEAKY);
        assertThat(awaitEvent().threat()).isEqualTo(new ThreatMatch("response-contract", null, "response/passwordHash", false));
    }

    @Test
    void upstreamErrorsThatLeakInternalsAreReplacedKeepingTheirStatus() throws Exception {
        HttpResponse<String> crash = get("/users/crash");
        assertThat(crash.statusCode()).isEqualTo(500);
        assertThat(crash.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(new JsonObject(crash.body()).getString("key")).isEqualTo("UPSTREAM_ERROR");
        assertThat(crash.body()).doesNotContain("com.example").doesNotContain("pool exhausted");
        assertThat(awaitEvent().threat()).isEqualTo(new ThreatMatch("upstream-error-details", null, "response", true));

        HttpResponse<String> missing = get("/users/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"title\":\"No such user\"}");
    }

    @Test
    void aResponseLargerThanTheInspectionBoundIsNotRelayed() throws Exception {
        HttpResponse<String> response = get("/users/huge");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(response.body()).getString("key")).isEqualTo("RESPONSE_TOO_LARGE");
    }

    private SecurityEvent awaitEvent() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        return events.peek();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(10))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
