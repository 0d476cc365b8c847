package dev.bulwark.controlplane.billing;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.PlanAllowanceConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.snapshot.SnapshotCompiler;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 15, slice 1: operator-configured plans, Free at sign-up, limits, and the gateway allowance in snapshots. */
@MicronautTest(transactional = false)
class TenantPlansHttpTest extends BillingTestBase {
    @Inject SnapshotCompiler compiler;

    @Test
    void aNewTenantIsOnFreeAndEachOfItsApisCarriesTheMonthlyAllowanceUntilItUpgrades() {
        Api.Session owner = http.signUp(Api.unique("free"));
        Reply billing = http.get("/api/v1/billing", owner.token());
        assertThat(billing.status()).isEqualTo(200);
        assertThat(billing.body().path("plan").path("id").asText()).isEqualTo("free");
        assertThat(billing.body().path("timeZone").asText()).isEqualTo("UTC");
        assertThat(billing.body().path("allowances").findValuesAsText("name")).contains("requests", "apis", "members");

        String apiId = publishedApi(owner);
        PlanAllowanceConfig allowance = allowanceOf(apiId).orElseThrow();
        assertThat(allowance.planId()).isEqualTo("free");
        assertThat(allowance.requestsPerMonth()).isEqualTo(100_000L);

        Reply upgraded = send("PUT", "/api/v1/billing/plan", Map.of("planId", "team"), owner.token());
        assertThat(upgraded.status()).as(String.valueOf(upgraded.body())).isEqualTo(200);
        assertThat(upgraded.body().path("plan").path("id").asText()).isEqualTo("team");
        assertThat(allowanceOf(apiId)).as("Team bills overage instead of throttling").isEmpty();
        assertThat(http.get("/api/v1/audit-events?limit=200", owner.token()).body().toString()).contains("billing.plan.change");
    }

    @Test
    void limitsRefuseAdditionsWithPlanLimitReachedNamingTheLimit() {
        Api.Session owner = http.signUp(Api.unique("tiny"));
        String planId = Api.unique("tiny");
        Reply saved = send("PUT", "/api/v1/platform/billing-plans/" + planId, plan(planId, 1, 2, false), operator.token());
        assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(200);
        Reply assigned = send("PUT", "/api/v1/platform/tenants/" + owner.tenantId() + "/billing-plan", Map.of("planId", planId),
                operator.token());
        assertThat(assigned.status()).as(String.valueOf(assigned.body())).isEqualTo(200);

        assertThat(createApi(owner).status()).isEqualTo(201);
        Reply second = createApi(owner);
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.key()).isEqualTo("PLAN_LIMIT_REACHED");
        assertThat(second.body().path("errors").get(0).path("path").asText()).isEqualTo("apis");
        assertThat(second.body().toString()).doesNotContain("SQL").doesNotContain("Exception");

        assertThat(http.post("/api/v1/invitations", Map.of("email", Api.unique("a") + "@example.test", "role", "viewer"), owner.token())
                .status()).as("owner + one pending invitation = 2").isEqualTo(201);
        Reply third = http.post("/api/v1/invitations", Map.of("email", Api.unique("b") + "@example.test", "role", "viewer"), owner.token());
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.key()).isEqualTo("PLAN_LIMIT_REACHED");
        assertThat(third.body().path("errors").get(0).path("path").asText()).isEqualTo("members");

        Reply chosen = send("PUT", "/api/v1/billing/plan", Map.of("planId", planId), owner.token());
        assertThat(chosen.status()).as("an operator-only plan cannot be chosen").isEqualTo(400);
        assertThat(chosen.body().path("errors").get(0).path("path").asText()).isEqualTo("planId");
    }

    @Test
    void scanRunsCountPerBillingMonthAndTheOneTooManyIsRefusedNamingScanRuns() {
        Api.Session owner = http.signUp(Api.unique("scan"));
        String planId = Api.unique("scan");
        Map<String, Object> plan = plan(planId, 3, 2, false);
        plan.put("maxScanRuns", 1);
        assertThat(send("PUT", "/api/v1/platform/billing-plans/" + planId, plan, operator.token()).status()).isEqualTo(200);
        assertThat(send("PUT", "/api/v1/platform/tenants/" + owner.tenantId() + "/billing-plan", Map.of("planId", planId),
                operator.token()).status()).isEqualTo(200);
        String first = createApi(owner).body().path("id").asText();
        String second = createApi(owner).body().path("id").asText();

        Reply queued = http.post("/api/v1/apis/" + first + "/scans", Map.of(), owner.token());
        assertThat(queued.status()).as(String.valueOf(queued.body())).isEqualTo(202);
        Reply refused = http.post("/api/v1/apis/" + second + "/scans", Map.of(), owner.token());
        assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.key()).isEqualTo("PLAN_LIMIT_REACHED");
        assertThat(refused.body().path("errors").get(0).path("path").asText()).isEqualTo("scanRuns");
        assertThat(http.get("/api/v1/apis/" + second + "/scans", owner.token()).body().toString())
                .as("the refused request queued nothing").doesNotContain("queued");
        assertThat(http.get("/api/v1/billing", owner.token()).body().path("allowances").toString())
                .contains("{\"name\":\"scanRuns\",\"used\":1,\"limit\":1}");

        // Another tenant's runs are not counted: a tenant on Free still has its own allowance.
        Api.Session other = http.signUp(Api.unique("scan"));
        String otherApi = createApi(other).body().path("id").asText();
        assertThat(http.post("/api/v1/apis/" + otherApi + "/scans", Map.of(), other.token()).status()).isEqualTo(202);
    }

    @Test
    void onlyTheOperatorEditsPlansOrAssignsThemAndBadPlansAreRefusedFieldByField() {
        Api.Session owner = http.signUp(Api.unique("own"));
        Api.Session other = http.signUp(Api.unique("other"));
        Reply grab = send("PUT", "/api/v1/platform/tenants/" + other.tenantId() + "/billing-plan", Map.of("planId", "business"),
                owner.token());
        assertThat(grab.status()).isEqualTo(403);
        assertThat(grab.key()).isEqualTo("PLATFORM_ADMIN_REQUIRED");
        assertThat(send("PUT", "/api/v1/platform/billing-plans/free", plan("free", null, null, true), owner.token()).status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/billing", other.token()).body().path("plan").path("id").asText()).isEqualTo("free");
        assertThat(send("PUT", "/api/v1/platform/tenants/" + UUID.randomUUID() + "/billing-plan", Map.of("planId", "team"),
                operator.token()).status()).isEqualTo(404);

        Map<String, Object> bad = plan("bad-" + UUID.randomUUID().toString().substring(0, 6), -1, 0, true);
        bad.put("currency", "EURO");
        bad.put("requestOverage", "bill");
        bad.remove("overageUnitPrice");
        Reply refused = send("PUT", "/api/v1/platform/billing-plans/" + bad.get("id"), bad, operator.token());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").findValuesAsText("path"))
                .contains("currency", "overageUnitPrice", "maxApis", "maxMembers");

        Reply attached = send("PUT", "/api/v1/apis/" + createApi(owner).body().path("id").asText() + "/policies",
                Map.of("policies", List.of(Map.of("type", "plan-allowance", "planId", "business", "requestsPerMonth", 1))), owner.token(),
                "W/\"0\"");
        assertThat(attached.status()).as("the allowance is the platform's, never attached by a tenant").isEqualTo(400);
        assertThat(http.get("/api/v1/policy-types", owner.token()).body().findValuesAsText("type")).doesNotContain("plan-allowance");
    }

    private static Map<String, Object> plan(String id, Integer maxApis, Integer maxMembers, boolean selfService) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("id", id);
        plan.put("name", "Plan " + id);
        plan.put("currency", "EUR");
        plan.put("monthlyFee", 0);
        plan.put("includedRequests", 1000);
        plan.put("requestOverage", "throttle");
        plan.put("maxApis", maxApis);
        plan.put("maxMembers", maxMembers);
        plan.put("retentionDays", 7);
        plan.put("selfService", selfService);
        plan.put("position", 99);
        return plan;
    }

    private Optional<PlanAllowanceConfig> allowanceOf(String apiId) {
        ApiEntry entry = compiler.compileContent(Environment.STAGING).apis().stream().filter(a -> a.apiId().equals(apiId))
                .findFirst().orElseThrow();
        return entry.policies().stream().filter(p -> p instanceof PlanAllowanceConfig).map(p -> (PlanAllowanceConfig) p).findFirst();
    }

    private String publishedApi(Api.Session owner) {
        Reply created = createApi(owner);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().path("id").asText();
        Reply secured = send("PUT", "/api/v1/apis/" + id + "/policies", Map.of("policies", List.of(Map.of("type", "api-key"))),
                owner.token(), "W/\"0\"");
        assertThat(secured.status()).as(String.valueOf(secured.body())).isEqualTo(200);
        assertThat(http.post("/api/v1/apis/" + id + "/lifecycle", Map.of("state", "published"), owner.token()).status()).isEqualTo(200);
        return id;
    }

    private Reply createApi(Api.Session owner) {
        return http.post("/api/v1/apis", Map.of("name", "Orders", "openapi", document("orders-3.1.yaml"),
                "basePath", "/" + Api.unique("orders"), "upstreamUrls", List.of("http://93.184.215.14:80")), owner.token());
    }

    private Reply send(String method, String path, Object body, String token) {
        return send(method, path, body, token, null);
    }

    private Reply send(String method, String path, Object body, String token, String ifMatch) {
        var request = Api.auth(HttpRequest.create(io.micronaut.http.HttpMethod.valueOf(method), path).body(body)
                .contentType(MediaType.APPLICATION_JSON_TYPE), token);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request);
    }
}
