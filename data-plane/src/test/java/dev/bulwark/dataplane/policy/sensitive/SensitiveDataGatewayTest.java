package dev.bulwark.dataplane.policy.sensitive;

import static dev.bulwark.dataplane.Snapshots.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.SensitiveDataAction;
import dev.bulwark.contracts.policy.SensitiveDataConfig;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.SecurityEventSinks;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sensitive-data policy through a real gateway and upstream: what leaves the gateway, and the event it records. */
@ExtendWith(RealServicesExtension.class)
class SensitiveDataGatewayTest {
    private static final String LEAKY = "{\"name\":\"Ada\",\"card\":\"4111 1111 1111 1111\",\"aws\":\"AKIAIOSFODNN7EXAMPLE\"}";
    private static final String CLEAN = "{\"name\":\"Ada\",\"order\":\"1234567890123456\",\"placed\":1733478600000}";

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<SecurityEvent> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> acceptEncodings = new ConcurrentLinkedQueue<>();
    private GatewayHarness gateway;

    @BeforeEach
    void start(TestRedis redis) throws Exception {
        TestUpstream upstream = TestUpstream.start(vertx, request -> {
            acceptEncodings.add(String.valueOf(request.getHeader("accept-encoding")));
            if (request.path().endsWith("/clean")) {
                request.response().putHeader("content-type", "application/json").end(CLEAN);
            } else if (request.path().endsWith("/gzip")) {
                request.response().putHeader("content-type", "application/json").putHeader("content-encoding", "gzip")
                        .end(io.vertx.core.buffer.Buffer.buffer(gzip(LEAKY)));
            } else {
                request.response().putHeader("content-type", "application/json").end(LEAKY);
            }
        });
        PolicyFactory policies = config -> config instanceof SensitiveDataConfig sensitive
                ? new SensitiveDataPolicy(sensitive, new SimpleMeterRegistry()) : TestPolicies.FACTORY.create(config);
        gateway = GatewayHarness.start(redis, Snapshots.of(1,
                        api("masked", "/masked", upstream.url(), SensitiveDataConfig.defaults()),
                        api("blocked", "/blocked", upstream.url(), new SensitiveDataConfig(SensitiveDataAction.BLOCK, null, null, null)),
                        api("reported", "/reported", upstream.url(), new SensitiveDataConfig(SensitiveDataAction.REPORT, null, null, null))),
                Map.of(), SecurityEventSinks.into(events), policies);
    }

    @AfterEach
    void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void maskModeOverwritesEachFindingInPlaceAndRecordsTheKind() throws Exception {
        HttpResponse<String> response = get("/masked/user");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"name\":\"Ada\",\"card\":\"**** **** **** 1111\",\"aws\":\"AKIA" + "*".repeat(16) + "\"}");
        assertThat(new JsonObject(response.body()).getString("name")).isEqualTo("Ada");
        assertThat(response.headers().firstValue("content-length")).hasValue(Integer.toString(LEAKY.length()));
        assertThat(acceptEncodings).containsExactly("null");
        SecurityEvent event = awaitEvent();
        assertThat(event.type()).isEqualTo(SecurityEventType.DATA_EXPOSURE);
        assertThat(event.threat()).isEqualTo(new ThreatMatch("sensitive-card-number", null, "response", true));
        // the card's own digits, not a 4-digit run a random id could hold
        assertThat(event.toString()).doesNotContain("4111 1111").doesNotContain("41111111");
    }

    @Test
    void blockModeWithholdsTheResponseWithoutDescribingIt() throws Exception {
        HttpResponse<String> response = get("/blocked/user");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(new JsonObject(response.body()).getString("key")).isEqualTo("SENSITIVE_DATA_BLOCKED");
        JsonObject problem = new JsonObject(response.body());
        problem.remove("requestId"); // random hex: it may hold "1111" by chance
        assertThat(problem.encode()).doesNotContain("1111").doesNotContain("AKIA").doesNotContain("Ada");
        assertThat(awaitEvent().threat()).isEqualTo(new ThreatMatch("sensitive-card-number", null, "response", true));
    }

    @Test
    void reportModeRecordsAndRelaysUnchanged() throws Exception {
        HttpResponse<String> response = get("/reported/user");

        assertThat(response.body()).isEqualTo(LEAKY);
        assertThat(awaitEvent().threat()).isEqualTo(new ThreatMatch("sensitive-card-number", null, "response", false));
    }

    @Test
    void aResponseWithoutSensitiveDataPassesUntouched() throws Exception {
        HttpResponse<String> response = get("/blocked/clean");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CLEAN);
        assertThat(events).isEmpty();
    }

    @Test
    void aBodyTheGatewayCannotReadIsNotRelayed() throws Exception {
        HttpResponse<String> response = get("/masked/gzip");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(new JsonObject(response.body()).getString("key")).isEqualTo("SENSITIVE_DATA_BLOCKED");
        assertThat(awaitEvent().threat()).isEqualTo(new ThreatMatch("sensitive-unreadable", null, "response", true));
    }

    private SecurityEvent awaitEvent() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        return events.peek();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(10))
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
