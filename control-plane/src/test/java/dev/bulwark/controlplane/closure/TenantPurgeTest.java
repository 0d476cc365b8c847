package dev.bulwark.controlplane.closure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.api.ApiView;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.identity.keycloak.KeycloakTest;
import dev.bulwark.controlplane.identity.keycloak.RealmProvisioning;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.subscription.SubscriptionService;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A closed tenant is purged only once its retention period is over: every row of it in every
 * table, its Keycloak realm first, audited in tenant_purge; a second run finds nothing; another
 * tenant keeps everything. Against the real PostgreSQL and the run's real Keycloak. The job's own
 * schedule is pushed out of the way (purge-poll 1h) so the test drives each run.
 */
@MicronautTest(transactional = false)
class TenantPurgeTest extends KeycloakTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Inject @Client("/") HttpClient client;
    @Inject CatalogScenario scenario;
    @Inject SubscriptionService subscriptions;
    @Inject ApiKeyService keys;
    @Inject RealmProvisioning provisioning;
    @Inject TenantPurge purge;
    @Inject Sql sql;
    @Inject TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.tenant.purge-poll", "1h");
        return properties;
    }

    @Test
    void aClosedTenantIsPurgedAfterItsRetentionWithItsRealmAndNothingOfAnother() throws Exception {
        Api api = new Api(client);
        String slug = Api.unique("purged");
        Api.Session owner = api.signUp(slug);
        Api.Session other = api.signUp(Api.unique("kept"));
        serve(owner, "/purged-" + slug);
        serve(other, "/kept-" + slug);
        await().atMost(Duration.ofMinutes(3)).until(() -> provisioning.readyRealm(new TenantId(owner.tenantId())).isPresent());
        String realm = provisioning.state(new TenantId(owner.tenantId())).orElseThrow().realm();
        long otherRows = rowsOf(other.tenantId());

        assertThat(api.post("/api/v1/tenant/closure", Map.of("confirmSlug", slug), owner.token()).status()).isEqualTo(200);

        // Within the retention period nothing is purged.
        drain();
        assertThat(tenantExists(owner.tenantId())).isTrue();
        assertThat(count("SELECT count(*) FROM api WHERE tenant_id = '" + owner.tenantId() + "'")).isEqualTo(1);

        // The retention period is over (as if 30 days had passed).
        transactions.executeWrite(status -> sql.update("UPDATE tenant SET purge_after = now() - interval '1 second' WHERE id = ?",
                owner.tenantId()));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            drain();
            return !tenantExists(owner.tenantId());
        });

        assertThat(keycloak.realms().findAll()).extracting(r -> r.getRealm()).as("the realm went first").doesNotContain(realm);
        assertThat(count("SELECT count(*) FROM keycloak_realm WHERE tenant_id = '" + owner.tenantId() + "'")).isZero();
        assertThat(rowsOf(owner.tenantId())).as("no row of the purged tenant in any table").isZero();
        assertThat(rowsOf(other.tenantId())).as("the other tenant keeps everything").isEqualTo(otherRows);
        assertThat(api.get("/api/v1/me", other.token()).status()).isEqualTo(200);

        JsonNode record = JSON.readTree(transactions.executeRead(status -> sql.one(
                "SELECT deleted_rows::text AS r FROM tenant_purge WHERE tenant_id = ?", row -> row.getString("r"), owner.tenantId()))
                .orElseThrow());
        assertThat(record.path("api").asInt()).isEqualTo(1);
        assertThat(record.path("api_key").asInt()).isEqualTo(1);
        assertThat(record.path("audit_event").asInt()).as("the tenant's own audit trail is its data").isPositive();
        java.util.Optional<String> purgedSlug = transactions.executeRead(status -> sql.one("SELECT slug FROM tenant_purge WHERE tenant_id = ?",
                row -> row.getString("slug"), owner.tenantId()));
        assertThat(purgedSlug).hasValue(slug);

        // Idempotent: the next run finds nothing; the slug is free again.
        drain();
        assertThat(count("SELECT count(*) FROM tenant_purge")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tenant WHERE slug = '" + slug + "'")).isZero();
        assertThat(count("SELECT count(*) FROM app_user WHERE id = '" + owner.userId() + "'"))
                .as("the person's account is not the tenant's: kept, without the membership").isEqualTo(1);
    }

    @Test
    void thePlanDeletesChildrenBeforeParentsAndKeepsTheOutboxAndTheRecord() {
        PurgePlan plan = plan();
        java.util.List<String> tables = plan.steps().stream().map(PurgePlan.Step::table).toList();
        assertThat(tables).contains("api", "api_key", "application", "audit_event", "application_oauth_client", "oauth_client_retiring")
                .doesNotContain("tenant", "tenant_purge", "keycloak_realm");
        assertThat(tables.indexOf("api_key")).isLessThan(tables.indexOf("application"));
        assertThat(tables.indexOf("oauth_client_retiring")).isLessThan(tables.indexOf("application_oauth_client"));
    }

    private PurgePlan plan() {
        return transactions.executeRead(status -> PurgePlan.read(sql));
    }

    private void drain() {
        for (int i = 0; i < 50 && purge.purgeNext().isPresent(); i++) {
            // one due tenant per call
        }
    }

    /** The tenant's rows over every table the purge plan knows. */
    private long rowsOf(UUID tenant) throws Exception {
        long total = 0;
        try (Connection c = database.connect()) {
            for (PurgePlan.Step step : plan().steps()) {
                try (var statement = c.prepareStatement("SELECT count(*) FROM \"" + step.table() + "\" WHERE " + step.predicate())) {
                    for (int i = 1; i <= step.parameters(); i++) {
                        statement.setObject(i, tenant);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        total += rows.getLong(1);
                    }
                }
            }
        }
        return total;
    }

    private boolean tenantExists(UUID tenant) throws Exception {
        return count("SELECT count(*) FROM tenant WHERE id = '" + tenant + "'") == 1;
    }

    private long count(String query) throws Exception {
        try (Connection c = database.connect(); ResultSet rows = c.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A published API with a plan, an application subscribed to it and a production key. */
    private void serve(Api.Session session, String basePath) {
        Principal owner = new Principal(session.userId(), new TenantId(session.tenantId()), Role.OWNER, session.email());
        ApiView published = scenario.publishedApi(owner, basePath);
        Plan plan = scenario.plan(owner, published, "Basic", "auto");
        Application application = scenario.application(owner, "Shop");
        subscriptions.subscribe(owner, application.id(), new SubscriptionService.Subscribe(plan.id().toString()));
        keys.create(owner, application.id(), new ApiKeyService.CreateKey("live", null, null, "production"));
    }
}
