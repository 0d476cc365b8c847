package dev.bulwark.controlplane.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealStreamsTest;
import dev.bulwark.testing.SyslogReceiver;
import dev.bulwark.testing.TlsMaterial;
import dev.bulwark.testing.WebhookReceiver;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alert channels end to end: incidents opened by the application's own detector consumer from
 * events on the real Redis stream, alerts sent by its delivery worker to real receivers started
 * here (an HTTP server, a syslog server over TCP and over TLS), verified as a customer would.
 * Each test signs up its own tenant, so no test sees another's alerts.
 */
@MicronautTest(transactional = false)
class AlertDeliveryTest extends RealStreamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TlsMaterial tls;

    @Inject @Client("/") HttpClient client;
    Api api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.upstreams.default-private-cidrs", "127.0.0.0/8"); // the receivers run on loopback
        properties.put("bulwark.alerts.poll-interval", "100ms");
        properties.put("bulwark.alerts.initial-backoff", "200ms");
        properties.put("bulwark.alerts.max-attempts", "3");
        properties.put("bulwark.alerts.timeout", "3s");
        properties.put("bulwark.public-url", "https://console.bulwark.test");
        return properties;
    }

    @BeforeAll
    void setUp() throws Exception {
        api = new Api(client);
        tls = TlsMaterial.generate();
    }

    @AfterAll
    void removeCertificate() {
        tls.close();
    }

    @Test
    void anOpenedIncidentReachesTheWebhookSignedAndTheReceiverVerifiesIt() throws Exception {
        Api.Session owner = api.signUp(Api.unique("alerts"));
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Reply created = api.post("/api/v1/alert-channels", channel("soc", "webhook", Map.of("url", receiver.url("/hooks/bulwark"),
                    "minSeverity", "high")), owner.token());
            assertThat(created.status()).isEqualTo(201);
            String secret = created.body().path("signingSecret").asText();
            assertThat(secret).startsWith("whsec_");
            String channelId = created.body().path("channel").path("id").asText();
            assertThat(api.get("/api/v1/alert-channels/" + channelId, owner.token()).body().toString()).doesNotContain(secret);

            String apiId = Api.unique("login");
            Instant at = Instant.now();
            for (int i = 0; i < 25; i++) {
                streams.add(EventStreams.Kind.SECURITY, Api.unique("cs"), authFailure(owner, apiId, "203.0.113.9", at));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());
            WebhookReceiver.Received delivery = receiver.received().getFirst();
            assertThat(delivery.path()).isEqualTo("/hooks/bulwark");
            assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
            String timestamp = delivery.header(WebhookSignature.TIMESTAMP);
            String signature = delivery.header(WebhookSignature.SIGNATURE);
            assertThat(signature).startsWith("v1=");
            assertThat(WebhookSignature.verify(secret, timestamp, signature, delivery.body(), Instant.now())).isTrue();
            // replay protection: the same delivery is refused outside the window, and a changed body is refused
            assertThat(WebhookSignature.verify(secret, timestamp, signature, delivery.body(), Instant.now().plus(Duration.ofMinutes(6))))
                    .isFalse();
            byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8).replace("203.0.113.9", "203.0.113.8")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(WebhookSignature.verify(secret, timestamp, signature, tampered, Instant.now())).isFalse();
            assertThat(WebhookSignature.verify("whsec_wrong", timestamp, signature, delivery.body(), Instant.now())).isFalse();

            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.path("type").asText()).isEqualTo("incident.opened");
            assertThat(body.path("detector").asText()).isEqualTo("credential-stuffing");
            assertThat(body.path("incident").path("subject").asText()).isEqualTo("203.0.113.9");
            assertThat(body.path("incident").path("apiId").asText()).isEqualTo(apiId);
            assertThat(body.path("link").asText()).isEqualTo("https://console.bulwark.test/incidents/" + body.path("incident").path("id").asText());

            JsonNode log = awaitDelivery(owner, channelId, "delivered");
            assertThat(log.path("attempts").asInt()).isEqualTo(1);
            assertThat(log.path("responseStatus").asInt()).isEqualTo(204);
            assertThat(log.path("event").asText()).isEqualTo("incident.opened");
            assertThat(log.path("id").asText()).isEqualTo(delivery.header(WebhookSignature.DELIVERY));
            assertThat(new String(sealedSecret(channelId), StandardCharsets.ISO_8859_1)).as("stored sealed, not in clear")
                    .hasSizeGreaterThan(secret.length()).doesNotContain(secret).doesNotContain(secret.substring(6, 20));
        }
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndGivenUpOnAfterTheLastAttempt() {
        Api.Session owner = api.signUp(Api.unique("retry"));
        try (WebhookReceiver flaky = WebhookReceiver.start(); WebhookReceiver down = WebhookReceiver.start()) {
            flaky.answer(503, 500);
            String flakyId = createdId(owner, channel("flaky", "webhook", Map.of("url", flaky.url("/"))));
            down.answer(500, 500, 500, 500);
            String downId = createdId(owner, channel("down", "webhook", Map.of("url", down.url("/"))));
            assertThat(api.post("/api/v1/alert-channels/" + flakyId + "/test", null, owner.token()).status()).isEqualTo(202);
            assertThat(api.post("/api/v1/alert-channels/" + downId + "/test", null, owner.token()).status()).isEqualTo(202);

            JsonNode recovered = awaitDelivery(owner, flakyId, "delivered");
            assertThat(recovered.path("attempts").asInt()).isEqualTo(3);
            assertThat(flaky.received()).hasSize(3);
            List<String> ids = flaky.received().stream().map(r -> r.header(WebhookSignature.DELIVERY)).distinct().toList();
            assertThat(ids).as("every retry carries the same delivery id, for the receiver's de-duplication").hasSize(1);
            List<Long> times = flaky.received().stream().map(r -> Long.parseLong(r.header(WebhookSignature.TIMESTAMP))).toList();
            assertThat(times).isSorted();

            JsonNode failed = awaitDelivery(owner, downId, "failed");
            assertThat(failed.path("attempts").asInt()).isEqualTo(3);
            assertThat(failed.path("responseStatus").asInt()).isEqualTo(500);
            assertThat(failed.path("lastError").asText()).isEqualTo("the receiver answered HTTP 500");
            assertThat(down.received()).hasSize(3);
        }
    }

    @Test
    void slackChannelsGetAnIncomingWebhookMessage() throws Exception {
        Api.Session owner = api.signUp(Api.unique("slack"));
        try (WebhookReceiver slack = WebhookReceiver.start()) {
            Reply created = api.post("/api/v1/alert-channels", channel("slack", "slack", Map.of("url", slack.url("/services/T0/B0/x"))),
                    owner.token());
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().path("signingSecret").isNull()).isTrue();
            api.post("/api/v1/alert-channels/" + created.body().path("channel").path("id").asText() + "/test", null, owner.token());
            await().atMost(Duration.ofSeconds(20)).until(() -> !slack.received().isEmpty());
            JsonNode message = JSON.readTree(slack.received().getFirst().body());
            assertThat(message.path("text").asText()).contains("Test alert from Bulwark");
            assertThat(message.path("blocks").get(0).path("type").asText()).isEqualTo("section");
            assertThat(message.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
            assertThat(slack.received().getFirst().header(WebhookSignature.SIGNATURE)).isNull();
        }
    }

    @Test
    void anIncidentReachesTheSiemAsCefOverSyslogTcpAndAsJsonOverSyslogTls() throws Exception {
        Api.Session owner = api.signUp(Api.unique("siem"));
        try (SyslogReceiver tcp = SyslogReceiver.tcp(); SyslogReceiver secure = SyslogReceiver.tls(tls.serverContext())) {
            createdId(owner, channel("siem-cef", "syslog", Map.of("host", "127.0.0.1", "port", tcp.port(), "format", "cef")));
            createdId(owner, channel("siem-json", "syslog", Map.of("host", "127.0.0.1", "port", secure.port(), "tls", true,
                    "format", "json", "caCertificate", tls.certificatePem())));

            String apiId = Api.unique("shop");
            Instant at = Instant.now();
            for (int i = 0; i < 25; i++) {
                streams.add(EventStreams.Kind.SECURITY, Api.unique("cs"), authFailure(owner, apiId, "198.51.100.23", at));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !tcp.messages().isEmpty() && !secure.messages().isEmpty());
            String cef = tcp.messages().getFirst();
            assertThat(cef).matches("<8[0-9]>1 \\S+ - bulwark - incident - CEF:0\\|Bulwark\\|Bulwark\\|1\\|credential-stuffing\\|.*");
            assertThat(cef).contains("|8|", "src=198.51.100.23", "cs1Label=apiId cs1=" + apiId, "act=incident.opened",
                    "request=https://console.bulwark.test/incidents/");

            String line = secure.messages().getFirst();
            JsonNode event = JSON.readTree(line.substring(line.indexOf('{')));
            assertThat(event.path("type").asText()).isEqualTo("incident.opened");
            assertThat(event.path("incident").path("subject").asText()).isEqualTo("198.51.100.23");
        }
    }

    @Test
    void securityEventsReachOnlyTheChannelsThatOptedInAndOnlyFromTheirMinimumSeverity() throws Exception {
        Api.Session owner = api.signUp(Api.unique("forward"));
        try (SyslogReceiver siem = SyslogReceiver.tcp(); WebhookReceiver hook = WebhookReceiver.start()) {
            Map<String, Object> forwarding = new HashMap<>(Map.of("host", "127.0.0.1", "port", siem.port(), "format", "cef",
                    "minSeverity", "high", "securityEvents", true));
            Reply created = api.post("/api/v1/alert-channels", channel("siem-events", "syslog", forwarding), owner.token());
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body().path("channel").path("securityEvents").asBoolean()).isTrue();
            String siemId = created.body().path("channel").path("id").asText();
            String incidentsOnly = createdId(owner, channel("incidents-only", "webhook", Map.of("url", hook.url("/i"))));
            assertInvalid(owner, channel("slack-events", "slack", Map.of("url", hook.url("/s"), "securityEvents", true)),
                    "securityEvents");

            String apiId = Api.unique("search");
            Instant at = Instant.now();
            for (int i = 0; i < 3; i++) { // low: below the channel's minimum, and far from any detector's threshold
                streams.add(EventStreams.Kind.SECURITY, Api.unique("af"), authFailure(owner, apiId, "198.51.100.40", at));
            }
            streams.add(EventStreams.Kind.SECURITY, Api.unique("inj"), new SecurityEvent(Api.unique("ev"), at, "production",
                    SecurityEventType.INJECTION, "THREAT_DETECTED", owner.tenantId().toString(), apiId, "app-7", "192.0.2.77",
                    "GET", "/search", null, new ThreatMatch("sql-union-select", ThreatFamily.SQL, "query.q", true)));

            await().atMost(Duration.ofSeconds(30)).until(() -> !siem.messages().isEmpty());
            String cef = siem.messages().getFirst();
            assertThat(cef).matches("<8[0-9]>1 \\S+ - bulwark - security-event - CEF:0\\|Bulwark\\|Bulwark\\|1\\|injection\\|.*");
            assertThat(cef).contains("|8|", "act=security-event", "src=192.0.2.77", "suser=app-7", "requestMethod=GET",
                    "request=/search", "cs1Label=apiId cs1=" + apiId, "cs2Label=ruleId cs2=sql-union-select", "outcome=blocked",
                    "reason=THREAT_DETECTED");
            JsonNode log = awaitDelivery(owner, siemId, "delivered");
            assertThat(log.path("event").asText()).isEqualTo("security-event");
            // Queued in the same transaction as the batch that carried them: the low ones were judged and left out.
            assertThat(api.get("/api/v1/alert-channels/" + siemId + "/deliveries", owner.token()).body().path("items")).hasSize(1);
            assertThat(api.get("/api/v1/alert-channels/" + incidentsOnly + "/deliveries", owner.token()).body().path("items"))
                    .as("not opted in").isEmpty();
            assertThat(hook.received()).isEmpty();
        }
    }

    @Test
    void aTlsReceiverWhoseCertificateIsNotTrustedGetsNothing() {
        Api.Session owner = api.signUp(Api.unique("untrusted"));
        try (SyslogReceiver secure = SyslogReceiver.tls(tls.serverContext())) {
            String id = createdId(owner, channel("siem", "syslog", Map.of("host", "127.0.0.1", "port", secure.port(), "tls", true)));
            api.post("/api/v1/alert-channels/" + id + "/test", null, owner.token());
            JsonNode failed = awaitDelivery(owner, id, "failed");
            assertThat(failed.path("lastError").asText()).isEqualTo("TLS handshake with the receiver failed");
            assertThat(secure.messages()).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void destinationsInsideThePlatformsNetworkAndMalformedChannelsAreRefusedNamingTheField() {
        Api.Session owner = api.signUp(Api.unique("ssrf"));
        assertInvalid(owner, channel("meta", "webhook", Map.of("url", "http://169.254.169.254/latest/meta-data")), "url");
        assertInvalid(owner, channel("private", "webhook", Map.of("url", "http://10.20.30.40/hook")), "url");
        assertInvalid(owner, channel("ftp", "slack", Map.of("url", "ftp://example.com/x")), "url");
        assertInvalid(owner, channel("numeric", "webhook", Map.of("url", "http://2130706433/")), "url");
        assertInvalid(owner, channel("syslog-private", "syslog", Map.of("host", "192.168.1.10", "port", 6514)), "host");
        assertInvalid(owner, channel("syslog-port", "syslog", Map.of("host", "203.0.113.1", "port", 70000)), "port");
        assertInvalid(owner, channel("mixed", "webhook", Map.of("url", "https://example.com/h", "port", 514)), "port");
        assertInvalid(owner, channel("ca", "syslog", Map.of("host", "203.0.113.1", "port", 6514, "tls", true,
                "caCertificate", "not a certificate")), "caCertificate");
        assertInvalid(owner, channel("kind", "pager", Map.of()), "kind");
        assertInvalid(owner, channel("sev", "slack", Map.of("url", "https://example.com/h", "minSeverity", "urgent")), "minSeverity");
        assertThat(api.get("/api/v1/alert-channels", owner.token()).body()).isEmpty();
    }

    @Test
    void anotherTenantCannotSeeTestChangeOrReadTheLogOfAChannel() {
        Api.Session owner = api.signUp(Api.unique("tenant-a"));
        Api.Session other = api.signUp(Api.unique("tenant-b"));
        String id = createdId(owner, channel("soc", "webhook", Map.of("url", "https://example.com/hook")));
        String base = "/api/v1/alert-channels/" + id;
        assertThat(api.get(base, other.token()).status()).isEqualTo(404);
        assertThat(api.get(base + "/deliveries", other.token()).status()).isEqualTo(404);
        assertThat(api.post(base + "/test", null, other.token()).status()).isEqualTo(404);
        assertThat(api.post(base + "/secret", null, other.token()).status()).isEqualTo(404);
        assertThat(api.delete(base, other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/alert-channels", other.token()).body()).isEmpty();
        assertThat(api.get(base, owner.token()).status()).isEqualTo(200);
        assertThat(api.get(base, null).status()).isEqualTo(401);

        Reply rotated = api.post(base + "/secret", null, owner.token());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().path("signingSecret").asText()).startsWith("whsec_");
        assertThat(api.delete(base, owner.token()).status()).isEqualTo(204);
        assertThat(api.get(base, owner.token()).status()).isEqualTo(404);
    }

    private void assertInvalid(Api.Session owner, Map<String, Object> body, String field) {
        Reply reply = api.post("/api/v1/alert-channels", body, owner.token());
        assertThat(reply.status()).as(body.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("errors").findValuesAsText("path")).as(body.toString()).contains(field);
        assertThat(reply.body().toString()).doesNotContain("Exception");
    }

    private static Map<String, Object> channel(String name, String kind, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(settings);
        body.put("name", name);
        body.put("kind", kind);
        return body;
    }

    private String createdId(Api.Session owner, Map<String, Object> body) {
        Reply created = api.post("/api/v1/alert-channels", body, owner.token());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created.body().path("channel").path("id").asText();
    }

    private JsonNode awaitDelivery(Api.Session owner, String channelId, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = api.get("/api/v1/alert-channels/" + channelId + "/deliveries", owner.token()).body().path("items");
            return items.isEmpty() ? null : items.get(0);
        }, item -> item != null && item.path("status").asText().equals(status));
    }

    private SecurityEvent authFailure(Api.Session owner, String apiId, String ip, Instant at) {
        return new SecurityEvent(Api.unique("ev"), at, "production", SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID",
                owner.tenantId().toString(), apiId, null, ip, "POST", "/login", null);
    }

    private byte[] sealedSecret(String channelId) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT secret_sealed FROM alert_channel WHERE id = '" + channelId + "'")) {
            assertThat(row.next()).isTrue();
            return row.getBytes(1);
        }
    }
}
