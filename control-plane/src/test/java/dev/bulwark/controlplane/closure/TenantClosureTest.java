package dev.bulwark.controlplane.closure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.RealDatabaseTest;
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
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An owner closes the organisation: members are signed out and cannot log in, its keys are
 * revoked, its developer portal is gone, the gateways' next snapshot leaves its APIs and keys out,
 * the data stays (with its purge date), and it is audited. Another tenant is untouched.
 */
@MicronautTest(transactional = false)
class TenantClosureTest extends RealDatabaseTest {
    @Inject @Client("/") HttpClient client;
    @Inject CatalogScenario scenario;
    @Inject SubscriptionService subscriptions;
    @Inject ApiKeyService keys;
    @Inject SnapshotCompiler compiler;

    @Test
    void theOwnerClosesTheOrganisationAndOnlyItStopsBeingServed() throws Exception {
        Api api = new Api(client);
        String slug = Api.unique("closing");
        Api.Session owner = api.signUp(slug);
        Api.Session other = api.signUp(Api.unique("staying"));
        IssuedKey closingKey = servedKey(owner, "/closing-" + slug);
        IssuedKey otherKey = servedKey(other, "/staying-" + slug);

        // An admin may not; the slug must be typed.
        Api.Reply wrong = api.post("/api/v1/tenant/closure", Map.of("confirmSlug", "not-" + slug), owner.token());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("errors").get(0).path("path").asText()).isEqualTo("confirmSlug");
        assertThat(api.get("/api/v1/me", owner.token()).status()).isEqualTo(200);

        Api.Reply closed = api.post("/api/v1/tenant/closure", Map.of("confirmSlug", slug), owner.token());
        assertThat(closed.status()).isEqualTo(200);
        Instant closedAt = Instant.parse(closed.body().path("closedAt").asText());
        assertThat(Duration.between(closedAt, Instant.parse(closed.body().path("purgeAfter").asText()))).isEqualTo(Duration.ofDays(30));

        // Members: the session ends, log-in finds no organisation, the developer portal is gone.
        assertThat(api.get("/api/v1/me", owner.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/sessions", Map.of("email", owner.email(), "password", Api.PASSWORD, "tenantSlug", slug), null).status())
                .isEqualTo(401);
        assertThat(api.get("/api/devportal/v1/tenants/" + slug + "/apis", null).status()).isEqualTo(404);

        // Gateways: its API and key leave the snapshot; the other tenant's stay.
        Snapshot production = compiler.compileContent(Environment.PRODUCTION);
        assertThat(production.apis()).extracting(ApiEntry::tenantId).doesNotContain(owner.tenantId().toString())
                .contains(other.tenantId().toString());
        assertThat(production.apiKeys()).extracting(ApiKeyEntry::keyId).doesNotContain(closingKey.id().toString())
                .contains(otherKey.id().toString());

        // The data is kept, the keys are revoked, the closure is audited.
        try (Connection c = database.connect()) {
            assertThat(one(c, "SELECT count(*) FROM api WHERE tenant_id = '" + owner.tenantId() + "'")).isEqualTo(1);
            assertThat(one(c, "SELECT count(*) FROM api_key WHERE tenant_id = '" + owner.tenantId() + "' AND revoked_at IS NULL")).isZero();
            assertThat(one(c, "SELECT count(*) FROM api_key WHERE tenant_id = '" + other.tenantId() + "' AND revoked_at IS NULL")).isEqualTo(1);
            assertThat(one(c, "SELECT count(*) FROM audit_event WHERE tenant_id = '" + owner.tenantId() + "' AND action = 'tenant.closed'")).isEqualTo(1);
        }
        assertThat(api.get("/api/v1/me", other.token()).status()).isEqualTo(200);
    }

    /** A published API with a plan, an application subscribed to it and a production key. */
    private IssuedKey servedKey(Api.Session session, String basePath) {
        Principal owner = new Principal(session.userId(), new TenantId(session.tenantId()), Role.OWNER, session.email());
        ApiView published = scenario.publishedApi(owner, basePath);
        Plan plan = scenario.plan(owner, published, "Basic", "auto");
        Application application = scenario.application(owner, "Shop");
        subscriptions.subscribe(owner, application.id(), new SubscriptionService.Subscribe(plan.id().toString()));
        return keys.create(owner, application.id(), new ApiKeyService.CreateKey("live", null, null, "production"));
    }

    private static long one(Connection c, String query) throws Exception {
        try (ResultSet rows = c.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
