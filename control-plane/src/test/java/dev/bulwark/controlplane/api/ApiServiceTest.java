package dev.bulwark.controlplane.api;

import static dev.bulwark.controlplane.api.CatalogTestSupport.document;
import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static dev.bulwark.controlplane.api.CatalogTestSupport.petstore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.Versioned;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ApiServiceTest extends RealDatabaseTest {
    @Inject ApiService apis;
    @Inject PolicyAttachments policies;
    @Inject PrivateUpstreams privateUpstreams;
    @Inject ObjectMapper mapper;

    @Test
    void createsADraftWithOperationsEnvironmentsAndAnAuditEntry() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView created = apis.create(owner, petstore("/pets"));

        assertThat(created.lifecycle()).isEqualTo(Lifecycle.DRAFT);
        assertThat(created.basePath()).isEqualTo("/pets");
        assertThat(created.openapi()).contains("\"openapi\": \"3.0.3\"");
        assertThat(created.environments()).extracting(EnvironmentConfig::environment, EnvironmentConfig::enabled)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Environment.STAGING, true),
                        org.assertj.core.groups.Tuple.tuple(Environment.PRODUCTION, false));
        Page<OperationView> operations = apis.operations(owner.tenantId(), created.id(), KeysetCursor.of(null, null));
        assertThat(operations.items()).extracting(OperationView::operationId)
                .containsExactlyInAnyOrder("listPets", "createPet", "GET /pets/{petId}", "deletePet");
        assertThat(AuditRows.forResource(database, created.id().toString())).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("api.create");
            assertThat(entry.actorUserId()).isEqualTo(owner.userId());
            assertThat(entry.after()).contains(created.openapiSha256()).doesNotContain("\"paths\"");
        });
    }

    @Test
    void validationErrorsNameEveryField() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiCommands.CreateApi bad = new ApiCommands.CreateApi(" ", document("petstore-3.0.json"), "/v1/../admin", "bad host!",
                List.of("https://203.0.113.1", "http://192.168.0.10"), null, true);

        assertThatThrownBy(() -> apis.create(owner, bad)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.key()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.errors()).extracting(Violation::path)
                    .containsExactly("name", "basePath", "host", "allowPrivateUpstreams", "upstreamUrls[1]");
        });
    }

    @Test
    void basePathRules() {
        Principal owner = newTenant(database, Role.OWNER);
        for (String bad : List.of("v1", "/v1/", "//v1", "/v1/./x", "/a b", "/%2e%2e")) {
            assertThatThrownBy(() -> apis.create(owner, petstore(bad)))
                    .isInstanceOfSatisfying(ProblemException.class,
                            e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("basePath"));
        }
        assertThat(apis.create(owner, petstore("/")).basePath()).isEqualTo("/");
    }

    @Test
    void aRouteBelongsToOneApiPerTenantAndHostUntilRetired() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView first = apis.create(owner, petstore("/shop"));

        assertThatThrownBy(() -> apis.create(owner, petstore("/shop")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.key()).isEqualTo("ROUTE_CONFLICT");
                });
        ApiCommands.CreateApi otherHost = new ApiCommands.CreateApi("Pets", document("petstore-3.0.json"), "/shop",
                "api.example.com", List.of(), null, null);
        assertThat(apis.create(owner, otherHost).host()).isEqualTo("api.example.com");
        assertThat(apis.create(newTenant(database, Role.OWNER), petstore("/shop")).basePath()).isEqualTo("/shop");

        apis.changeLifecycle(owner, first.id(), "retired");
        assertThat(apis.create(owner, petstore("/shop")).basePath()).isEqualTo("/shop");
    }

    @Test
    void publishingNeedsAServingEnvironmentAndAuthenticationThenAudits() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView created = apis.create(owner, new ApiCommands.CreateApi("Pets", document("petstore-3.0.json"), "/p",
                null, List.of(), null, null));

        assertThatThrownBy(() -> apis.changeLifecycle(owner, created.id(), "published"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.key()).isEqualTo("NO_SERVING_ENVIRONMENT"));
        long version = apis.get(owner.tenantId(), created.id()).version();
        version = apis.setEnvironment(owner, created.id(), Environment.PRODUCTION, version,
                new ApiCommands.EnvironmentUpdate(List.of("https://203.0.113.20"), true)).version();
        assertThatThrownBy(() -> apis.changeLifecycle(owner, created.id(), "published"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.key()).isEqualTo("AUTHENTICATION_REQUIRED");
                });
        assertThatThrownBy(() -> apis.audit(owner.tenantId(), created.id())).isInstanceOf(ProblemException.class);

        version = policies.setApiPolicies(owner, created.id(), version, nodes("[{\"type\":\"api-key\"}]")).version();
        Versioned<ApiView> published = apis.changeLifecycle(owner, created.id(), "published");

        assertThat(published.body().lifecycle()).isEqualTo(Lifecycle.PUBLISHED);
        assertThat(published.version()).isEqualTo(version + 1);
        ApiAudits.AuditView report = apis.audit(owner.tenantId(), created.id());
        assertThat(report.score()).isBetween(0, 100);
        assertThat(report.securityScore()).isBetween(0, 100);
        assertThat(report.dataValidationScore()).isBetween(0, 100);
        assertThat(report.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.location()).startsWith("/"));
        // The document lets anyone DELETE /pets/{petId} (security: []), but the gateway's api-key covers
        // it; nothing validates requests or stops injection at the gateway, though.
        assertThat(report.findings()).extracting(ApiAudits.FindingView::ruleId)
                .doesNotContain("write-without-security")
                .contains("no-contract-validation", "no-injection-protection");
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("no-injection-protection")).singleElement()
                .satisfies(f -> assertThat(f.operations()).contains("DELETE /pets/{petId}", "GET /pets"));
        assertThat(AuditRows.forResource(database, created.id().toString())).extracting(AuditRows.Entry::action)
                .containsExactly("api.create", "api.environment.update", "api.policies.update", "api.publish");
    }

    @Test
    void lifecycleRefusesInvalidTransitions() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = publishedApi(owner, "/life");

        assertInvalidTransition(owner, api, "published");
        apis.changeLifecycle(owner, api.id(), "deprecated");
        apis.changeLifecycle(owner, api.id(), "published");
        apis.changeLifecycle(owner, api.id(), "deprecated");
        apis.changeLifecycle(owner, api.id(), "retired");
        for (String target : List.of("published", "deprecated", "retired", "draft")) {
            assertInvalidTransition(owner, api, target);
        }
        ApiView draft = apis.create(owner, petstore("/draft"));
        assertInvalidTransition(owner, draft, "deprecated");
        assertThatThrownBy(() -> apis.changeLifecycle(owner, draft.id(), "live"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("state"));
    }

    @Test
    void aPublishedApiKeepsItsAuthentication() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = publishedApi(owner, "/guarded");
        long version = apis.get(owner.tenantId(), api.id()).version();

        assertThatThrownBy(() -> policies.setApiPolicies(owner, api.id(), version, nodes("[{\"type\":\"cors\",\"allowOrigins\":[\"*\"]}]")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.key()).isEqualTo("AUTHENTICATION_REQUIRED");
                });
        // Rolled back: the API still has its key policy and its version.
        Versioned<ApiView> after = apis.get(owner.tenantId(), api.id());
        assertThat(after.version()).isEqualTo(version);
        assertThat(after.body().policies()).extracting(p -> p.type()).containsExactly("api-key");
        // Operation-level authentication is accepted too, but only on every operation.
        policies.setOperationPolicies(owner, api.id(), "listPets", version, nodes("[{\"type\":\"api-key\"}]"));
    }

    @Test
    void optimisticLockingRefusesStaleVersions() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = apis.create(owner, petstore("/lock"));

        Versioned<ApiView> renamed = apis.update(owner, api.id(), 0, new ApiCommands.UpdateApi("Renamed", null, null, null, null, null, null));
        assertThat(renamed.version()).isEqualTo(1);
        assertThat(renamed.body().name()).isEqualTo("Renamed");
        assertThatThrownBy(() -> apis.update(owner, api.id(), 0, new ApiCommands.UpdateApi("Again", null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.key()).isEqualTo("PRECONDITION_FAILED");
                });
    }

    @Test
    void reimportingKeepsPoliciesOfOperationsThatRemain() throws Exception {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = apis.create(owner, petstore("/re"));
        policies.setOperationPolicies(owner, api.id(), "listPets", 0, nodes("[{\"type\":\"timeouts\",\"retries\":2}]"));
        String smaller = document("petstore-3.0.json").replace("\"operationId\": \"createPet\",", "\"operationId\": \"addPet\",");

        apis.update(owner, api.id(), 1, new ApiCommands.UpdateApi(null, smaller, null, null, null, null, null));

        List<OperationView> operations = apis.operations(owner.tenantId(), api.id(), KeysetCursor.of(null, null)).items();
        assertThat(operations).extracting(OperationView::operationId).contains("addPet").doesNotContain("createPet");
        assertThat(operations).filteredOn(o -> o.operationId().equals("listPets")).singleElement()
                .satisfies(o -> assertThat(o.policies()).extracting(p -> p.type()).containsExactly("timeouts"));
    }

    @Test
    void privateUpstreamsNeedTheOperatorsGrant() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiCommands.CreateApi internal = new ApiCommands.CreateApi("Internal", document("petstore-3.0.json"), "/internal",
                null, List.of("http://10.0.0.8:8080"), null, true);
        assertThatThrownBy(() -> apis.create(owner, internal)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("allowPrivateUpstreams", "upstreamUrls[0]"));

        privateUpstreams.setTenantOwn(owner, owner.tenantId(), List.of("10.0.0.0/8"));

        assertThat(apis.create(owner, internal).allowPrivateUpstreams()).isTrue();
        // The API must opt in as well: the tenant setting alone opens nothing.
        ApiCommands.CreateApi notOptedIn = new ApiCommands.CreateApi("Other", document("petstore-3.0.json"), "/other",
                null, List.of("http://10.0.0.8:8080"), null, false);
        assertThatThrownBy(() -> apis.create(owner, notOptedIn)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("upstreamUrls[0]"));
    }

    @Test
    void anotherTenantSeesNothing() {
        Principal owner = newTenant(database, Role.OWNER);
        Principal stranger = newTenant(database, Role.OWNER);
        ApiView api = apis.create(owner, petstore("/mine"));

        assertThatThrownBy(() -> apis.get(stranger.tenantId(), api.id()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> apis.changeLifecycle(stranger, api.id(), "retired"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(apis.list(stranger.tenantId(), KeysetCursor.of(null, null)).items()).isEmpty();
    }

    @Test
    void listsPageWithCursors() {
        Principal owner = newTenant(database, Role.OWNER);
        List<java.util.UUID> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(apis.create(owner, petstore("/page" + i)).id());
        }
        List<java.util.UUID> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<ApiView> page = apis.list(owner.tenantId(), KeysetCursor.of(2, cursor));
            page.items().forEach(item -> {
                assertThat(item.openapi()).isNull();
                seen.add(item.id());
            });
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
        assertThatThrownBy(() -> KeysetCursor.of(201, null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> KeysetCursor.of(10, "garbage!")).isInstanceOf(ProblemException.class);
    }

    ApiView publishedApi(Principal owner, String basePath) throws Exception {
        ApiView api = apis.create(owner, petstore(basePath));
        policies.setApiPolicies(owner, api.id(), 0, nodes("[{\"type\":\"api-key\"}]"));
        return apis.changeLifecycle(owner, api.id(), "published").body();
    }

    private void assertInvalidTransition(Principal owner, ApiView api, String target) {
        assertThatThrownBy(() -> apis.changeLifecycle(owner, api.id(), target))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    if (!target.equals("draft")) {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.key()).isEqualTo("INVALID_LIFECYCLE_TRANSITION");
                    }
                });
    }

    private List<JsonNode> nodes(String json) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        mapper.readTree(json).forEach(out::add);
        return out;
    }
}
