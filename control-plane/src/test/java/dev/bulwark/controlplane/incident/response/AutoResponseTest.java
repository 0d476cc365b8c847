package dev.bulwark.controlplane.incident.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.policy.IpFilterConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.RealStreamsTest;
import dev.bulwark.controlplane.api.ApiView;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.apikey.IssuedKey;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.snapshot.SnapshotCompiler;
import dev.bulwark.controlplane.subscription.SubscriptionService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Automatic responses end to end in the control plane: events on the real Redis stream open an
 * incident, the configured response is taken, and the compiled snapshot (what gateways receive)
 * denies the address or leaves the application's keys out until the response expires or is lifted.
 */
@MicronautTest(transactional = false)
class AutoResponseTest extends RealStreamsTest {

    @Inject @Client("/") HttpClient client;
    @Inject SnapshotCompiler compiler;
    @Inject CatalogScenario scenario;
    @Inject SubscriptionService subscriptions;
    @Inject ApiKeyService keys;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.incidents.response-check", "500ms");
        return properties;
    }

    @Test
    void credentialStuffingBlocksTheAddressOnEveryApiOfTheTenantUntilTheBlockExpires() {
        Api api = new Api(client);
        Api.Session owner = api.signUp(Api.unique("block"));
        ApiView published = scenario.publishedApi(principal(owner), "/" + Api.unique("blk"));
        assertThat(put(api, owner, "credential-stuffing", Map.of("action", "block-address", "durationSeconds", 10)).status()).isEqualTo(200);
        assertThat(entry(published).policies()).as("nothing blocked yet").noneMatch(p -> p instanceof IpFilterConfig);

        for (int i = 0; i < 25; i++) {
            send(event(owner, SecurityEventType.AUTHENTICATION_FAILURE, "API_KEY_INVALID", published.id().toString(), null,
                    "203.0.113.50", "/login"));
        }
        JsonNode response = await().atMost(Duration.ofSeconds(30)).until(() -> active(api, owner), r -> r != null);
        assertThat(response.path("action").asText()).isEqualTo("block-address");
        assertThat(response.path("target").asText()).isEqualTo("203.0.113.50/32");
        assertThat(response.path("detector").asText()).isEqualTo("credential-stuffing");
        IpFilterConfig filter = (IpFilterConfig) entry(published).policies().stream().filter(p -> p instanceof IpFilterConfig)
                .findFirst().orElseThrow();
        assertThat(filter.deny()).containsExactly("203.0.113.50/32");
        assertThat(filter.allow()).isEmpty();

        JsonNode timeline = api.get("/api/v1/incidents/" + response.path("incidentId").asText(), owner.token()).body().path("timeline");
        assertThat(timeline.findValuesAsText("kind")).contains("opened", "response");
        assertThat(timeline.findValuesAsText("note")).anyMatch(n -> n.startsWith("Automatically blocked 203.0.113.50/32 on every API"));

        // it lifts itself: the snapshot no longer denies the address, the timeline and the audit log say so
        await().atMost(Duration.ofSeconds(30)).until(() -> active(api, owner) == null
                && entry(published).policies().stream().noneMatch(p -> p instanceof IpFilterConfig));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/incidents/" + response.path("incidentId").asText(),
                owner.token()).body().path("timeline").findValuesAsText("kind").contains("response-ended"));
        JsonNode audit = api.get("/api/v1/audit-events?limit=50", owner.token()).body();
        assertThat(audit.toString()).contains("incident-response.configure", "incident-response.apply", "incident-response.expire");
    }

    @Test
    void enumerationSuspendsTheApplicationsKeysUntilAnAdminLiftsIt() {
        Api api = new Api(client);
        Api.Session owner = api.signUp(Api.unique("suspend"));
        Principal principal = principal(owner);
        ApiView published = scenario.publishedApi(principal, "/" + Api.unique("sus"));
        Plan plan = scenario.plan(principal, published, "Basic", "auto");
        Application walker = scenario.application(principal, "Walker");
        subscriptions.subscribe(principal, walker.id(), new SubscriptionService.Subscribe(plan.id().toString()));
        IssuedKey key = keys.create(principal, walker.id(), new ApiKeyService.CreateKey("live", null, null, "production"));
        assertThat(productionKeys()).contains(key.id().toString());
        assertThat(put(api, owner, "enumeration", Map.of("action", "suspend-application", "durationSeconds", 3600)).status())
                .isEqualTo(200);

        for (int i = 1; i <= 12; i++) {
            send(event(owner, SecurityEventType.AUTHORIZATION_FAILURE, "OPERATION_NOT_ALLOWED", published.id().toString(),
                    walker.id().toString(), "192.0.2.80", "/pets/" + i));
        }
        JsonNode response = await().atMost(Duration.ofSeconds(30)).until(() -> active(api, owner), r -> r != null);
        assertThat(response.path("action").asText()).isEqualTo("suspend-application");
        assertThat(response.path("target").asText()).isEqualTo(walker.id().toString());
        assertThat(productionKeys()).doesNotContain(key.id().toString());

        Api.Session stranger = api.signUp(Api.unique("stranger"));
        String lift = "/api/v1/incident-responses/" + response.path("id").asText() + "/lift";
        assertThat(api.post(lift, null, stranger.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/incident-responses", stranger.token()).body()).isEmpty();
        assertThat(productionKeys()).doesNotContain(key.id().toString());

        Reply lifted = api.post(lift, null, owner.token());
        assertThat(lifted.status()).isEqualTo(200);
        assertThat(lifted.body().path("active").asBoolean()).isFalse();
        assertThat(lifted.body().path("liftedBy").asText()).isEqualTo(owner.email());
        assertThat(productionKeys()).contains(key.id().toString());
    }

    @Test
    void responsesAreOffByDefaultAndTheSettingIsValidated() {
        Api api = new Api(client);
        Api.Session owner = api.signUp(Api.unique("off"));
        Reply setting = api.get("/api/v1/incident-detectors/injection-burst/response", owner.token());
        assertThat(setting.status()).isEqualTo(200);
        assertThat(setting.body().path("action").isNull()).isTrue();

        String apiId = Api.unique("inj");
        for (int i = 0; i < 8; i++) {
            send(event(owner, SecurityEventType.INJECTION, "THREAT_DETECTED", apiId, null, "192.0.2.99", "/search"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/incidents?detector=injection-burst&apiId=" + apiId,
                owner.token()).body().path("items").size() == 1);
        assertThat(api.get("/api/v1/incident-responses", owner.token()).body()).isEmpty();

        assertThat(put(api, owner, "key-guessing", Map.of("action", "block-address", "durationSeconds", 60))
                .body().path("errors").findValuesAsText("path")).containsExactly("action");
        assertThat(put(api, owner, "injection-burst", Map.of("action", "ban", "durationSeconds", 60))
                .body().path("errors").findValuesAsText("path")).containsExactly("action");
        assertThat(put(api, owner, "injection-burst", Map.of("action", "block-address", "durationSeconds", 5))
                .body().path("errors").findValuesAsText("path")).containsExactly("durationSeconds");
        assertThat(put(api, owner, "no-such-detector", Map.of("action", "block-address", "durationSeconds", 60)).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/incident-responses/not-an-id/lift", null, owner.token()).status()).isEqualTo(404);
    }

    private Reply put(Api api, Api.Session owner, String detector, Map<String, Object> body) {
        return api.send(Api.auth(HttpRequest.PUT("/api/v1/incident-detectors/" + detector + "/response", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE), owner.token()));
    }

    private static JsonNode active(Api api, Api.Session owner) {
        JsonNode list = api.get("/api/v1/incident-responses?active=true", owner.token()).body();
        return list.isEmpty() ? null : list.get(0);
    }

    private ApiEntry entry(ApiView api) {
        return compiler.compileContent(Environment.PRODUCTION).apis().stream().filter(a -> a.apiId().equals(api.id().toString()))
                .findFirst().orElseThrow();
    }

    private List<String> productionKeys() {
        return compiler.compileContent(Environment.PRODUCTION).apiKeys().stream().map(ApiKeyEntry::keyId).toList();
    }

    private static Principal principal(Api.Session session) {
        return new Principal(session.userId(), new TenantId(session.tenantId()), Role.OWNER, session.email());
    }

    private void send(SecurityEvent event) {
        streams.add(EventStreams.Kind.SECURITY, Api.unique("d"), event);
    }

    private static SecurityEvent event(Api.Session owner, SecurityEventType type, String key, String apiId, String appId, String ip,
                                       String path) {
        return new SecurityEvent(Api.unique("ev"), Instant.now(), "production", type, key, owner.tenantId().toString(), apiId, appId,
                ip, "GET", path, null);
    }
}
