package dev.bulwark.controlplane.snapshot;

import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.contracts.snapshot.SnapshotRules;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.ApiService;
import dev.bulwark.controlplane.api.ApiView;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.api.CatalogTestSupport;
import dev.bulwark.controlplane.api.PolicyAttachments;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.apikey.IssuedKey;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.subscription.Subscription;
import dev.bulwark.controlplane.subscription.SubscriptionService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class SnapshotCompilerTest extends RealDatabaseTest {
    @Inject SnapshotCompiler compiler;
    @Inject CatalogScenario scenario;
    @Inject ApiService apis;
    @Inject PolicyAttachments policies;
    @Inject SubscriptionService subscriptions;
    @Inject ApiKeyService keys;
    @Inject ObjectMapper mapper;

    @Test
    void compilesRoutedApisPlansSubscribedApplicationsAndValidKeysOfOneEnvironment() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = scenario.publishedApi(owner, "/snap"); // staging and production both serve
        policies.setOperationPolicies(owner, api.id(), "listPets", apis.get(owner.tenantId(), api.id()).version(),
                scenario.nodes("[{\"type\":\"timeouts\",\"readTimeoutMillis\":5000}]"));
        ApiView draft = apis.create(owner, CatalogTestSupport.petstore("/not-yet"));
        Plan plan = scenario.plan(owner, api, "Basic", "auto");
        Plan manual = scenario.plan(owner, api, "Manual", "manual");
        Application subscribed = scenario.application(owner, "Subscribed");
        Application waiting = scenario.application(owner, "Waiting");
        subscriptions.subscribe(owner, subscribed.id(), new SubscriptionService.Subscribe(plan.id().toString()));
        Subscription pending = subscriptions.subscribe(owner, waiting.id(), new SubscriptionService.Subscribe(manual.id().toString()));
        IssuedKey live = keys.create(owner, subscribed.id(), new ApiKeyService.CreateKey("live", List.of("pets:read"), null, "production"));
        IssuedKey test = keys.create(owner, subscribed.id(), new ApiKeyService.CreateKey("test", null, null, "staging"));
        IssuedKey revoked = keys.create(owner, subscribed.id(), new ApiKeyService.CreateKey("gone", null, null, "production"));
        keys.revoke(owner, revoked.id());
        IssuedKey expired = keys.create(owner, subscribed.id(), new ApiKeyService.CreateKey("old", null,
                Instant.now().plusSeconds(60), "production"));
        expireNow(expired);
        IssuedKey pendingAppKey = keys.create(owner, waiting.id(), new ApiKeyService.CreateKey("w", null, null, "production"));

        Snapshot production = compiler.compileContent(Environment.PRODUCTION);

        assertThat(production.environment()).isEqualTo("production");
        assertThat(production.schemaVersion()).isEqualTo(Snapshot.SCHEMA_VERSION);
        assertThat(SnapshotHash.of(production)).matches("[0-9a-f]{64}");
        ApiEntry entry = single(production.apis(), owner);
        assertThat(entry.apiId()).isEqualTo(api.id().toString());
        assertThat(entry.basePath()).isEqualTo("/snap");
        assertThat(entry.upstreams()).containsExactly("https://203.0.113.30");
        assertThat(entry.allowedPrivateCidrs()).as("no private upstreams: the gateway connects to public addresses only").isNull();
        assertThat(entry.policies()).as("a tenant on Free carries its plan's monthly allowance").extracting(p -> p.type())
                .containsExactly("api-key", "plan-allowance");
        assertThat(entry.operations()).extracting(OperationEntry::operationId)
                .containsExactly("GET /pets/{petId}", "createPet", "deletePet", "listPets");
        OperationEntry listPets = entry.operations().get(3);
        assertThat(listPets.method()).isEqualTo("GET");
        assertThat(listPets.pathTemplate()).isEqualTo("/pets");
        assertThat(listPets.requiredScopes()).containsExactly("pets:read");
        assertThat(listPets.policies()).extracting(p -> p.type()).containsExactly("timeouts");
        assertThat(production.apis()).extracting(ApiEntry::apiId).doesNotContain(draft.id().toString());

        assertThat(production.plans()).filteredOn(p -> p.tenantId().equals(owner.tenantId().toString()))
                .extracting(PlanEntry::planId).containsExactlyInAnyOrder(plan.id().toString(), manual.id().toString());
        PlanEntry basic = production.plans().stream().filter(p -> p.planId().equals(plan.id().toString())).findFirst().orElseThrow();
        assertThat(basic.allowedOperations()).containsExactly("listPets");
        assertThat(basic.policies()).extracting(p -> p.type()).containsExactly("rate-limit");

        List<ApplicationEntry> applications = production.applications().stream()
                .filter(a -> a.tenantId().equals(owner.tenantId().toString())).toList();
        assertThat(applications).singleElement().satisfies(app -> {
            assertThat(app.applicationId()).isEqualTo(subscribed.id().toString());
            assertThat(app.planByApi()).containsExactly(java.util.Map.entry(api.id().toString(), plan.id().toString()));
        });

        List<ApiKeyEntry> productionKeys = production.apiKeys().stream()
                .filter(k -> k.tenantId().equals(owner.tenantId().toString())).toList();
        assertThat(productionKeys).singleElement().satisfies(key -> {
            assertThat(key.keyId()).isEqualTo(live.id().toString());
            assertThat(key.lookupId()).isEqualTo(live.lookupId());
            assertThat(new ApiKeyDigester(Base64.getDecoder().decode(TEST_PEPPER)).matches(live.key(), key.digest())).isTrue();
            assertThat(key.applicationId()).isEqualTo(subscribed.id().toString());
            assertThat(key.scopes()).containsExactly("pets:read");
        });
        assertThat(production.apiKeys()).extracting(ApiKeyEntry::keyId)
                .doesNotContain(revoked.id().toString(), expired.id().toString(), pendingAppKey.id().toString(), test.id().toString());
        String json = new String(compiler.toJson(production));
        assertThat(json).doesNotContain(live.key()).contains(live.lookupId());
        assertThat(pending.status()).isEqualTo(Subscription.Status.PENDING);

        Snapshot staging = compiler.compileContent(Environment.STAGING);
        assertThat(staging.apiKeys()).extracting(ApiKeyEntry::keyId).contains(test.id().toString())
                .doesNotContain(live.id().toString());
    }

    @Test
    void theContentHashMovesOnlyWhenTheContentChanges() {
        Principal owner = newTenant(database, Role.OWNER);
        scenario.publishedApi(owner, "/versioned");
        String first = SnapshotHash.of(compiler.compileContent(Environment.PRODUCTION));
        Snapshot again = compiler.compileContent(Environment.PRODUCTION);

        assertThat(SnapshotHash.of(again)).isEqualTo(first);
        assertThat(compiler.toJson(again)).isNotEmpty();

        ApiView another = scenario.publishedApi(owner, "/versioned-2");
        Snapshot changed = compiler.compileContent(Environment.PRODUCTION);
        assertThat(SnapshotHash.of(changed)).isNotEqualTo(first);
        assertThat(changed.apis()).extracting(ApiEntry::apiId).contains(another.id().toString());

        // Retiring takes it out again.
        apis.changeLifecycle(owner, another.id(), "deprecated");
        assertThat(compiler.compileContent(Environment.PRODUCTION).apis()).extracting(ApiEntry::apiId).contains(another.id().toString());
        apis.changeLifecycle(owner, another.id(), "retired");
        assertThat(compiler.compileContent(Environment.PRODUCTION).apis()).extracting(ApiEntry::apiId)
                .doesNotContain(another.id().toString());
    }

    @Test
    void theHashIgnoresVersionAndTimeAndFollowsEveryContentField() {
        Principal owner = newTenant(database, Role.OWNER);
        scenario.publishedApi(owner, "/hash");
        Snapshot snapshot = compiler.compileContent(Environment.PRODUCTION);

        String recomputed = compiler.contentHash(Environment.PRODUCTION, snapshot.apis(), snapshot.plans(),
                snapshot.applications(), snapshot.apiKeys());
        assertThat(recomputed).isEqualTo(SnapshotHash.of(snapshot));
        assertThat(compiler.contentHash(Environment.STAGING, snapshot.apis(), snapshot.plans(), snapshot.applications(),
                snapshot.apiKeys())).isNotEqualTo(recomputed);
        assertThat(compiler.contentHash(Environment.PRODUCTION, snapshot.apis().subList(1, snapshot.apis().size()),
                snapshot.plans(), snapshot.applications(), snapshot.apiKeys())).isNotEqualTo(recomputed);
    }

    @Test
    void aRouteCannotBePublishedTwiceAcrossTenantsSoTheSnapshotStaysCompilable() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        Principal other = newTenant(database, Role.OWNER);
        scenario.publishedApi(owner, "/clash");

        assertThatThrownBy(() -> scenario.publishedApi(other, "/clash"))
                .isInstanceOfSatisfying(dev.bulwark.controlplane.kernel.ProblemException.class,
                        e -> assertThat(e.key()).isEqualTo("ROUTE_TAKEN"));
        assertThat(compiler.compileContent(Environment.PRODUCTION).apis())
                .filteredOn(api -> api.basePath().equals("/clash")).singleElement()
                .satisfies(api -> assertThat(api.tenantId()).isEqualTo(owner.tenantId().toString()));
        // The shared snapshot rules still refuse a clash that reaches the database some other way (defence in depth).
        try (Connection connection = database.connect();
             PreparedStatement drop = connection.prepareStatement("DROP INDEX api_live_route_global");
             PreparedStatement publish = connection.prepareStatement(
                     "UPDATE api SET lifecycle = 'published' WHERE tenant_id = ? AND base_path = '/clash'")) {
            drop.execute();
            publish.setObject(1, other.tenantId().value());
            publish.executeUpdate();
        }
        try {
            assertThat(SnapshotRules.contentProblems(compiler.compileContent(Environment.PRODUCTION)))
                    .anySatisfy(p -> assertThat(p).contains("duplicate route"))
                    .anySatisfy(p -> assertThat(p).contains("of another tenant"));
        } finally {
            try (Connection connection = database.connect();
                 PreparedStatement retire = connection.prepareStatement("UPDATE api SET lifecycle = 'retired' WHERE base_path = '/clash'");
                 PreparedStatement index = connection.prepareStatement("CREATE UNIQUE INDEX api_live_route_global ON api "
                         + "(coalesce(host, ''), base_path) WHERE lifecycle IN ('published', 'deprecated')")) {
                retire.executeUpdate();
                index.execute();
            }
        }
    }

    private void expireNow(IssuedKey key) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement update = connection.prepareStatement("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            update.setObject(1, key.id());
            update.executeUpdate();
        }
    }

    @Test
    void documentScopesBindKeysOnlyWhenThePublisherChoseToEnforceThem() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = scenario.publishedApi(owner, "/scoped"); // published without a choice: enforced, as before
        assertThat(api.enforceDocumentScopes()).isTrue();
        OperationEntry enforced = single(compiler.compileContent(Environment.PRODUCTION).apis(), owner).operations().stream()
                .filter(o -> o.operationId().equals("listPets")).findFirst().orElseThrow();
        assertThat(enforced.requiredScopes()).containsExactly("pets:read");

        apis.changeLifecycle(owner, api.id(), "deprecated");
        assertThatThrownBy(() -> apis.changeLifecycle(owner, api.id(), "retired", false))
                .isInstanceOfSatisfying(dev.bulwark.controlplane.kernel.ProblemException.class,
                        e -> assertThat(e.errors()).extracting(v -> v.path()).containsExactly("enforceDocumentScopes"));
        var republished = apis.changeLifecycle(owner, api.id(), "published", false);
        ApiView ignoring = republished.body();
        assertThat(ignoring.enforceDocumentScopes()).isFalse();
        OperationEntry ignored = single(compiler.compileContent(Environment.PRODUCTION).apis(), owner).operations().stream()
                .filter(o -> o.operationId().equals("listPets")).findFirst().orElseThrow();
        assertThat(ignored.requiredScopes()).isEmpty();
        // The console still shows what the document declares.
        assertThat(apis.operations(owner.tenantId(), api.id(), dev.bulwark.controlplane.kernel.KeysetCursor.of(200, null)).items())
                .anySatisfy(o -> assertThat(o.requiredScopes()).containsExactly("pets:read"));

        // Changed later (console, API page) by an admin, not a publisher: enforced again from the next snapshot on.
        Principal publisher = new Principal(java.util.UUID.randomUUID(), owner.tenantId(), Role.PUBLISHER, "publisher@example.test");
        assertThatThrownBy(() -> apis.update(publisher, api.id(), republished.version(),
                new dev.bulwark.controlplane.api.ApiCommands.UpdateApi(null, null, null, null, null, null, true)))
                .isInstanceOfSatisfying(dev.bulwark.controlplane.kernel.ProblemException.class, e -> assertThat(e.status()).isEqualTo(403));
        ApiView changed = apis.update(owner, api.id(), republished.version(),
                new dev.bulwark.controlplane.api.ApiCommands.UpdateApi(null, null, null, null, null, null, true)).body();
        assertThat(changed.enforceDocumentScopes()).isTrue();
        assertThat(single(compiler.compileContent(Environment.PRODUCTION).apis(), owner).operations().stream()
                .filter(o -> o.operationId().equals("listPets")).findFirst().orElseThrow().requiredScopes()).containsExactly("pets:read");
    }

    private static ApiEntry single(List<ApiEntry> apis, Principal owner) {
        return apis.stream().filter(a -> a.tenantId().equals(owner.tenantId().toString())).findFirst().orElseThrow();
    }
}
