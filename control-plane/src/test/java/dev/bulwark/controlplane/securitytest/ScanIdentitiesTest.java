package dev.bulwark.controlplane.securitytest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.testing.TestDatabase;
import dev.bulwark.testing.vulnerable.PlantedFlawApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scan's test consumers made by the control plane (real PostgreSQL, a real HTTP upstream): with no
 * credentials in the scan settings, a run issues one key to each of two applications subscribed to the
 * API's plan, the keys work while it runs and are revoked when it ends, is cancelled, or dies with its
 * replica (the sweep). The upstream here is the planted-flaw shop trusting the gateway, reached
 * directly (the gateway URL is set to it), which records the keys it is sent; the launcher's
 * ScanIdentitiesThroughGatewayTest proves the same keys are refused by a real gateway afterwards.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScanIdentitiesTest extends PlantedFlawScanTest {
    @Inject TransactionOperations<Connection> transactions;
    @Inject ApiKeyService keys;
    @Inject ScanIdentities identities;
    @Inject ScanJobs jobs;
    @Inject Sql sql;
    @Inject dev.bulwark.controlplane.api.ApiService apis;

    @Override
    PlantedFlawApi startUpstream(TestDatabase database) throws Exception {
        return PlantedFlawApi.trustingTheGateway(database);
    }

    @Override
    String tenantPrefix() {
        return "scanids";
    }

    @Override
    String declaredUpstream() {
        return "https://203.0.113.70";
    }

    @Test
    @Order(1)
    void withoutAPlanTheRunFailsSayingWhatToDoAndIssuesNothing() {
        String version = http.get(base(), owner.token()).header("ETag");
        Reply policies = http.send(Api.auth(HttpRequest.PUT(base() + "/policies", Map.of("policies", List.of(Map.of("type", "api-key"))))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("If-Match", version), owner.token()));
        assertThat(policies.status()).as(policies.body().toString()).isEqualTo(200);
        assertThat(http.post(base() + "/lifecycle", Map.of("state", "published"), owner.token()).status()).isEqualTo(200);

        JsonNode run = awaitFinished(queue());
        assertThat(run.path("run").path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("has no plan");
        assertThat(keyCount()).isZero();
    }

    @Test
    @Order(2)
    void aRunIssuesTwoKeysThatWorkWhileItRunsAndAreRevokedWhenItEnds() {
        Reply plan = http.post(base() + "/plans", Map.of("name", "Gold", "policies", List.of(), "approval", "manual"), owner.token());
        assertThat(plan.status()).as(plan.body().toString()).isEqualTo(201);
        String runId = queue();
        // Both test consumers reach the upstream; while the run lasts their keys verify as live.
        await().atMost(Duration.ofMinutes(1)).until(() -> upstream.apiKeysSeen().size() == 2);
        Set<String> runKeys = upstream.apiKeysSeen();
        assertThat(runKeys).allSatisfy(key -> assertThat(keys.verify(key)).isPresent());
        assertThat(runKeys.stream().map(key -> keys.verify(key).orElseThrow().applicationId()).distinct()).hasSize(2);

        JsonNode run = awaitFinished(runId);
        assertThat(run.path("run").path("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(runKeys).allSatisfy(key -> assertThat(keys.verify(key)).as("revoked after the run").isEmpty());
        // (BOLA needs the gateway to name each consumer to the shop: ScanIdentitiesThroughGatewayTest.)
        assertThat(run.path("log").findValuesAsText("message")).anyMatch(line -> line.startsWith("test consumers: applications"))
                .anyMatch(line -> line.equals("test consumers: 2 key(s) of this run revoked"));
        // Keys never appear in what members read: run, log, evidence, SARIF.
        String everything = run.toString() + http.send(Api.auth(HttpRequest.GET(base() + "/scans/" + runId + "/sarif")
                .accept(MediaType.of("application/sarif+json")), owner.token())).body();
        assertThat(runKeys).noneMatch(everything::contains);
        // The manual plan's subscriptions were approved by the run, and the audit trail names it.
        assertThat(count("SELECT count(*) FROM subscription WHERE api_id = ? AND status = 'active'", UUID.fromString(apiId)))
                .isEqualTo(2L);
        assertThat(count("SELECT count(*) FROM audit_event WHERE actor_email = ?", ScanIdentities.ACTOR_PREFIX + runId)).isPositive();
    }

    @Test
    @Order(3)
    void theNextRunReusesTheTestConsumersWithNewKeysAndACancelledRunRevokesThem() {
        Set<String> before = upstream.apiKeysSeen();
        String runId = queue();
        await().atMost(Duration.ofMinutes(1)).until(() -> upstream.apiKeysSeen().size() == before.size() + 2);
        Set<String> runKeys = new HashSet<>(upstream.apiKeysSeen());
        runKeys.removeAll(before);
        assertThat(runKeys).allSatisfy(key -> assertThat(keys.verify(key)).isPresent());
        assertThat(http.post(base() + "/scans/" + runId + "/cancel", Map.of(), owner.token()).status()).isEqualTo(200);

        JsonNode run = awaitFinished(runId);
        assertThat(run.path("run").path("status").asText()).isEqualTo("cancelled");
        assertThat(runKeys).allSatisfy(key -> assertThat(keys.verify(key)).as("revoked after cancel").isEmpty());
        assertThat(count("SELECT count(*) FROM application WHERE developer_id = (SELECT developer_id FROM scan_identity WHERE api_id = ?)",
                UUID.fromString(apiId))).as("the same two applications").isEqualTo(2L);
    }

    @Test
    @Order(4)
    void theSweepRevokesTheKeysOfARunWhoseReplicaDied() {
        UUID runId = UUID.randomUUID();
        TenantId tenant = new TenantId(owner.tenantId());
        ScanIdentities.Issued issued = transactions.executeWrite(status -> {
            sql.update("""
                    INSERT INTO scan_run (id, tenant_id, api_id, trigger, status, environment, started_at)
                    VALUES (?, ?, ?, 'manual', 'running', 'staging', now() - interval '3 hours')""", runId, tenant, UUID.fromString(apiId));
            return identities.issue(apiRow(tenant), runId, Environment.STAGING, Duration.ofHours(2));
        });
        assertThat(keys.verify(issued.primaryKey())).isPresent();

        jobs.claim(0);  // the worker's poll: fails the stale run, then sweeps its keys

        assertThat(text("SELECT status FROM scan_run WHERE id = ?", runId)).isEqualTo("failed");
        assertThat(keys.verify(issued.primaryKey())).isEmpty();
        assertThat(keys.verify(issued.secondaryKey())).isEmpty();
    }

    @Test
    @Order(5)
    void anotherTenantSeesNoneOfTheTestConsumers() {
        JsonNode developers = http.get("/api/v1/developers", stranger.token()).body();
        assertThat(developers.toString()).doesNotContain("security-scan+");
        assertThat(http.get("/api/v1/developers", owner.token()).body().toString()).contains("security-scan+" + apiId);
        JsonNode applications = http.get("/api/v1/applications", stranger.token()).body();
        assertThat(applications.toString()).doesNotContain("Security scan: test consumer");
    }

    private dev.bulwark.controlplane.api.Api apiRow(TenantId tenant) {
        return apis.require(tenant, UUID.fromString(apiId));
    }

    private long keyCount() {
        return count("SELECT count(*) FROM scan_run_key");
    }

    private long count(String query, Object... parameters) {
        return transactions.executeRead(status -> sql.one(query, row -> row.getLong(1), parameters).orElse(0L));
    }

    private String text(String query, Object... parameters) {
        return transactions.executeRead(status -> sql.one(query, row -> row.getString(1), parameters).orElseThrow());
    }

    private String queue() {
        Reply queued = http.post(base() + "/scans", Map.of(), owner.token());
        assertThat(queued.status()).as(queued.body().toString()).isEqualTo(202);
        return queued.body().path("id").asText();
    }

}
