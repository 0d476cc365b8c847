package dev.bulwark.controlplane.securitytest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.event.ThreatMatch;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.securityevent.SecurityEventWriter;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scans run by the control plane against the planted-flaw API (a real HTTP server over a real
 * PostgreSQL), stored with their findings, delta, score and SARIF; the threat model, coverage map,
 * worst findings, regression checks, publish gate; and another tenant's view of all of it (404).
 * Here the gateway URL is configured to the upstream itself: the scan through a real gateway is
 * covered by ScannerThroughGatewayTest and the launcher's browser journey.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityTestingHttpTest extends PlantedFlawScanTest {

    @Inject io.micronaut.transaction.TransactionOperations<Connection> transactions;
    String alice;
    String firstRun;

    @Override
    PlantedFlawApi startUpstream(TestDatabase database) throws Exception {
        return PlantedFlawApi.flawed(database);
    }

    @Override
    String tenantPrefix() {
        return "scans";
    }

    @Override
    String declaredUpstream() {
        return "https://203.0.113.60";
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.http.client.read-timeout", "60s");
        return properties;
    }

    @BeforeAll
    void setUp() {
        alice = upstream.token("alice", "user");
    }

    @Test
    @Order(1)
    void scanConfigurationIsSafeByDefaultValidatedAndNeverEchoesCredentials() {
        Reply defaults = http.get(base() + "/scan-config", owner.token());
        assertThat(defaults.body().path("environment").asText()).isEqualTo("staging");
        assertThat(defaults.body().path("allowWrites").asBoolean()).isFalse();

        Reply bad = put("/scan-config", Map.of("environment", "production", "allowWrites", true, "requestsPerSecond", 500));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body().path("errors").findValuesAsText("path")).contains("allowWrites", "requestsPerSecond");

        Reply saved = put("/scan-config", Map.of("primaryCredential", "Bearer " + alice,
                "secondaryCredential", "Bearer " + upstream.token("bob", "user"), "maxRequests", 600, "requestsPerSecond", 50));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().path("primaryCredentialSet").asBoolean()).isTrue();
        assertThat(saved.body().toString()).doesNotContain(alice);
        String stored = transactions.executeRead(status -> {
            try (var query = status.getConnection().prepareStatement("SELECT primary_credential FROM scan_config")) {
                var rows = query.executeQuery();
                rows.next();
                return new String(rows.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        });
        assertThat(stored).doesNotContain(alice.substring(0, 20));
    }

    @Test
    @Order(2)
    void aScanRunsInTheBackgroundAndStoresEveryPlantedFlawWithEvidenceWithoutSecrets() {
        Reply queued = http.post(base() + "/scans", Map.of(), owner.token());
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.body().path("status").asText()).isIn("queued", "running");
        firstRun = queued.body().path("id").asText();
        assertThat(http.post(base() + "/scans", Map.of(), owner.token()).key()).isEqualTo("SCAN_IN_PROGRESS");

        JsonNode run = awaitFinished(firstRun);
        assertThat(run.path("run").path("status").asText()).as(run.toString()).isEqualTo("completed");
        List<String> checks = run.path("findings").findValuesAsText("checkId");
        assertThat(checks).contains("bola", "bfla", "injection", "verbose-errors", "excessive-data-exposure",
                "auth-missing-credential", "cors-misconfiguration", "missing-rate-limit");
        assertThat(run.path("findings").findValuesAsText("status")).containsOnly("new");
        assertThat(run.path("findings").findValuesAsText("owasp")).contains("API1:2023", "API5:2023");
        assertThat(run.toString()).doesNotContain(alice);
        assertThat(run.path("run").path("score").asInt()).isBetween(0, 40);
        assertThat(run.path("log").size()).isPositive();
    }

    @Test
    @Order(3)
    void theNextRunTracksFindingsAsStillPresentAndTheListShowsTheTrend() {
        String second = http.post(base() + "/scans", Map.of(), owner.token()).body().path("id").asText();
        JsonNode run = awaitFinished(second);
        assertThat(run.path("findings").findValuesAsText("status")).containsOnly("still_present");

        Reply list = http.get(base() + "/scans", owner.token());
        assertThat(list.body()).hasSize(2);
        assertThat(list.body().get(0).path("id").asText()).isEqualTo(second);
        assertThat(list.body().get(1).path("bySeverity").path("HIGH").asInt()).isPositive();
    }

    @Test
    @Order(4)
    void sarifThreatModelCoverageAndWorstFindings() {
        Reply sarif = sarif(base() + "/scans/" + firstRun, owner.token());
        assertThat(sarif.status()).isEqualTo(200);
        assertThat(sarif.contentType()).startsWith("application/sarif+json");
        assertThat(sarif.body().path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.body().path("runs").get(0).path("results").size()).isPositive();

        Reply model = http.get(base() + "/threat-model", owner.token());
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().path("threats").size()).isPositive();

        Reply coverage = http.get(base() + "/owasp-coverage", owner.token());
        assertThat(coverage.body()).hasSize(10);
        JsonNode bola = coverage.body().get(0);
        assertThat(bola.path("id").asText()).isEqualTo("API1:2023");
        assertThat(bola.path("testedBy").toString()).contains("bola");
        assertThat(bola.path("scanFindings").asInt()).isPositive();

        Reply worst = http.get("/api/v1/security/worst-findings?limit=3", owner.token());
        assertThat(worst.body()).hasSize(3);
        assertThat(worst.body().get(0).path("apiName").asText()).isEqualTo("Shop");
        assertThat(worst.body().get(0).path("finding").path("severity").asText()).isIn("CRITICAL", "HIGH");
        assertThat(http.get("/api/v1/security/worst-findings", stranger.token()).body()).isEmpty();
        assertThat(http.get("/api/v1/security/worst-findings?limit=0", owner.token()).status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void aBlockedAttackBecomesARegressionCheckReplayedByTheNextScan() {
        transactions.executeWrite(status -> {
            status.getConnection().createStatement().execute("CREATE TABLE IF NOT EXISTS security_event_scan_test PARTITION OF security_event DEFAULT");
            new SecurityEventWriter().write(status.getConnection(), List.of(new SecurityEventWriter.Row("evt-sql-1", owner.tenantId(),
                    new SecurityEvent("gw-1", Instant.now(), "staging", SecurityEventType.INJECTION, "INJECTION_DETECTED",
                            owner.tenantId().toString(), apiId, null, "198.51.100.7", "GET", "/products", null,
                            new ThreatMatch("sql-tautology", ThreatFamily.SQL, "query.search", true)))));
            return null;
        });
        assertThat(http.post(base() + "/regression-checks", Map.of("securityEventId", "evt-unknown"), owner.token()).status())
                .isEqualTo(404);
        Reply created = http.post(base() + "/regression-checks", Map.of("securityEventId", "evt-sql-1"), owner.token());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("pathAndQuery").asText()).startsWith("/products?search=");
        assertThat(http.post(base() + "/regression-checks", Map.of("securityEventId", "evt-sql-1"), owner.token()).key())
                .isEqualTo("REGRESSION_CHECK_EXISTS");
        assertThat(http.get(base() + "/regression-checks", owner.token()).body()).hasSize(1);

        // Nothing in front of this upstream refuses the attack any more: the replay reports it.
        JsonNode run = awaitFinished(http.post(base() + "/scans", Map.of(), owner.token()).body().path("id").asText());
        assertThat(run.path("findings").findValuesAsText("checkId")).contains("blocked-attack-regression");
        assertThat(run.path("findings").findValuesAsText("parameter")).contains("evt-sql-1");
    }

    @Test
    @Order(6)
    void theTenantsMinimumScoreGatesProductionWithAProblemNamingTheScore() {
        Reply settings = http.get("/api/v1/tenant-settings", owner.token());
        String etag = settings.header("ETag");
        assertThat(http.patch("/api/v1/tenant-settings", Map.of("minimumPublishScore", 101), owner.token(), etag).body()
                .path("errors").get(0).path("path").asText()).isEqualTo("minimumPublishScore");
        Reply gated = http.patch("/api/v1/tenant-settings", Map.of("minimumPublishScore", 100), owner.token(), etag);
        assertThat(gated.status()).isEqualTo(200);
        assertThat(gated.body().path("minimumPublishScore").asInt()).isEqualTo(100);

        String version = http.get(base(), owner.token()).header("ETag");
        Reply policies = http.send(Api.auth(HttpRequest.PUT(base() + "/policies", Map.of("policies", List.of(Map.of("type", "api-key"))))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("If-Match", version), owner.token()));
        assertThat(policies.status()).as(policies.body().toString()).isEqualTo(200);
        Reply staging = http.post(base() + "/lifecycle", Map.of("state", "published"), owner.token());
        assertThat(staging.status()).as("staging is never gated").isEqualTo(200);
        Reply production = http.send(Api.auth(HttpRequest.PUT(base() + "/environments/production",
                        Map.of("upstreamUrls", List.of("https://203.0.113.61"), "enabled", true))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("If-Match", staging.header("ETag")), owner.token()));
        assertThat(production.status()).isEqualTo(409);
        assertThat(production.key()).isEqualTo("PUBLISH_GATE");
        assertThat(production.body().path("detail").asText()).contains("below the tenant's minimum score 100");
        assertThat(production.body().toString()).doesNotContain("Exception");
    }

    @Test
    @Order(7)
    void anotherTenantFindsNoneOfIt() {
        String token = stranger.token();
        String run = base() + "/scans/" + firstRun;
        List<Reply> replies = new ArrayList<>(List.of(http.get(base() + "/scan-config", token),
                http.get(base() + "/scans", token), http.get(run, token), sarif(run, token),
                http.post(run + "/cancel", Map.of(), token), http.post(base() + "/scans", Map.of(), token),
                http.get(base() + "/threat-model", token), http.get(base() + "/owasp-coverage", token),
                http.get(base() + "/regression-checks", token),
                http.post(base() + "/regression-checks", Map.of("securityEventId", "evt-sql-1"), token)));
        replies.add(http.send(Api.auth(HttpRequest.PUT(base() + "/scan-config", Map.of("allowWrites", false))
                .contentType(MediaType.APPLICATION_JSON_TYPE), token)));
        String check = http.get(base() + "/regression-checks", owner.token()).body().get(0).path("id").asText();
        replies.add(http.delete(base() + "/regression-checks/" + check, token));
        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(404));
        assertThat(http.get(base() + "/regression-checks", owner.token()).body()).hasSize(1);
        assertThat(http.get(base() + "/scans/" + firstRun, owner.token()).status()).isEqualTo(200);
    }

    private Reply sarif(String run, String token) {
        return http.send(Api.auth(HttpRequest.GET(run + "/sarif").accept(MediaType.of("application/sarif+json")), token));
    }

    private Reply put(String path, Object body) {
        return http.send(Api.auth(HttpRequest.PUT(base() + path, body).contentType(MediaType.APPLICATION_JSON_TYPE), owner.token()));
    }

}
