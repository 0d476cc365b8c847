package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(RealServicesExtension.class)
class AccessLogTest {

    @Test
    void oneJsonLinePerRequestWithoutAnyCredential(TestRedis redis) throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("bulwark.access");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        access.addAppender(captured);
        Level previous = access.getLevel();
        access.setLevel(Level.INFO);
        Vertx vertx = Vertx.vertx();
        TestUpstream upstream = TestUpstream.ok(vertx);
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1,
                api("keyed", "/keyed", upstream.url(), new ApiKeyAuthConfig(CredentialLocation.HEADER, "X-API-Key", null))))) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(gateway.url("/keyed/orders?api_key=good-key&page=2")))
                    .header("X-API-Key", "good-key").header("Authorization", "Bearer sekrit-token")
                    .header("Cookie", "session=cookie-value").header("X-Request-Id", "req-1").build(), HttpResponse.BodyHandlers.ofString());
            http.send(HttpRequest.newBuilder(URI.create(gateway.url("/keyed/orders")))
                    .header("X-API-Key", "wrong-key-value").header("X-Request-Id", "req-2").build(), HttpResponse.BodyHandlers.ofString());
            await().until(() -> captured.list.size() >= 2);
            assertThat(upstream.uris).containsExactly("/orders?page=2");
            assertThat(upstream.lastHeaders().contains("X-API-Key")).as("credential stripped before the upstream").isFalse();

            List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            for (String line : lines) {
                assertThat(line).doesNotContain("good-key").doesNotContain("wrong-key-value").doesNotContain("sekrit-token")
                        .doesNotContain("cookie-value").doesNotContain("api_key");
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode ok = json.readTree(lines.stream().filter(l -> l.contains("req-1")).findFirst().orElseThrow());
            assertThat(ok.get("path").asText()).isEqualTo("/keyed/orders");
            assertThat(ok.get("status").asInt()).isEqualTo(200);
            assertThat(ok.get("apiId").asText()).isEqualTo("keyed");
            assertThat(ok.get("keyId").asText()).isEqualTo("key-1");
            assertThat(ok.get("traceId").asText()).matches("[0-9a-f]{32}");
            assertThat(ok.get("upstreamMs").asDouble()).isPositive();
            assertThat(ok.get("clientIp").asText()).isEqualTo("127.0.0.1");
            JsonNode refused = json.readTree(lines.stream().filter(l -> l.contains("req-2")).findFirst().orElseThrow());
            assertThat(refused.get("status").asInt()).isEqualTo(401);
            assertThat(refused.get("errorKey").asText()).isEqualTo("API_KEY_INVALID");
        } finally {
            access.detachAppender(captured);
            access.setLevel(previous);
            vertx.close().await();
        }
    }
}
