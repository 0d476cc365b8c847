package dev.bulwark.securitytesting.threatmodel;

import static dev.bulwark.securitytesting.threatmodel.Trait.ACCEPTS_URL;
import static dev.bulwark.securitytesting.threatmodel.Trait.ADMINISTRATIVE;
import static dev.bulwark.securitytesting.threatmodel.Trait.BUSINESS_FLOW;
import static dev.bulwark.securitytesting.threatmodel.Trait.CALLS_BACK;
import static dev.bulwark.securitytesting.threatmodel.Trait.DELETES_DATA;
import static dev.bulwark.securitytesting.threatmodel.Trait.MODIFIES_DATA;
import static dev.bulwark.securitytesting.threatmodel.Trait.RETURNS_COLLECTION;
import static dev.bulwark.securitytesting.threatmodel.Trait.RETURNS_SENSITIVE_DATA;
import static dev.bulwark.securitytesting.threatmodel.Trait.TAKES_OBJECT_ID;
import static dev.bulwark.securitytesting.threatmodel.Trait.UNAUTHENTICATED;
import static dev.bulwark.securitytesting.threatmodel.Trait.UPLOADS_FILES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThreatModelerTest {

    private static final String API = """
            openapi: 3.0.3
            info: {title: Threats, version: '1'}
            servers: [{url: 'https://api.example.com'}]
            security: [{bearer: []}]
            paths:
              /users:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: array
                            items: {$ref: '#/components/schemas/User'}
              /users/{userId}:
                delete:
                  security: []
                  parameters: [{name: userId, in: path, required: true, schema: {type: string}}]
                  responses: {'204': {description: gone}}
              /imports:
                post:
                  requestBody:
                    content:
                      multipart/form-data:
                        schema:
                          type: object
                          properties:
                            file: {type: string, format: binary}
                            sourceUrl: {type: string}
                  responses: {'202': {description: accepted}}
              /login:
                post:
                  security: []
                  responses: {'200': {description: ok}}
              /admin/flags:
                put:
                  responses: {'204': {description: ok}}
              /subscriptions:
                post:
                  callbacks:
                    onEvent:
                      '{$request.body#/target}':
                        post:
                          responses: {'200': {description: ok}}
                  responses: {'201': {description: ok}}
              /status:
                get:
                  responses: {'200': {description: ok}}
            components:
              securitySchemes:
                bearer: {type: http, scheme: bearer}
              schemas:
                User:
                  type: object
                  properties:
                    id: {type: string}
                    email: {type: string}
            """;

    private static ThreatModel model;

    @BeforeAll
    static void build() throws Exception {
        ApiDocument document = new OpenApiLoader().parse(API, "threats.yaml");
        model = ThreatModeler.model(document);
    }

    @Test
    void detectsTraitsPerOperation() {
        Map<String, Set<Trait>> traits = model.operations().stream()
                .collect(Collectors.toMap(OperationTraits::operationKey, OperationTraits::traits));

        assertThat(traits.get("GET /users")).containsExactly(RETURNS_SENSITIVE_DATA, RETURNS_COLLECTION);
        assertThat(traits.get("DELETE /users/{userId}")).containsExactly(UNAUTHENTICATED, TAKES_OBJECT_ID, DELETES_DATA);
        assertThat(traits.get("POST /imports")).containsExactly(MODIFIES_DATA, ACCEPTS_URL, UPLOADS_FILES);
        assertThat(traits.get("POST /login")).containsExactly(UNAUTHENTICATED, MODIFIES_DATA, BUSINESS_FLOW);
        assertThat(traits.get("PUT /admin/flags")).containsExactly(MODIFIES_DATA, ADMINISTRATIVE);
        assertThat(traits.get("POST /subscriptions")).containsExactly(MODIFIES_DATA, ACCEPTS_URL, CALLS_BACK);
        assertThat(traits.get("GET /status")).isEmpty();
    }

    @Test
    void anonymousDeleteByIdGetsSpoofingBolaInjectionDeletionAndRepudiationNamingTheParameter() {
        assertThat(model.threatsFor("DELETE /users/{userId}"))
                .extracting(Threat::strideCategory, Threat::owaspCategory)
                .containsExactly(
                        tuple(Stride.SPOOFING, OwaspApiTop10.API2),
                        tuple(Stride.ELEVATION_OF_PRIVILEGE, OwaspApiTop10.API1),
                        tuple(Stride.TAMPERING, OwaspApiTop10.API1),
                        tuple(Stride.TAMPERING, OwaspApiTop10.API8),
                        tuple(Stride.DENIAL_OF_SERVICE, OwaspApiTop10.API4),
                        tuple(Stride.TAMPERING, OwaspApiTop10.API5),
                        tuple(Stride.REPUDIATION, OwaspApiTop10.API2));
        assertThat(model.threatsFor("DELETE /users/{userId}"))
                .filteredOn(t -> t.owaspCategory() == OwaspApiTop10.API1)
                .allSatisfy(t -> assertThat(t.targets()).containsExactly("'userId' (path)"));
    }

    @Test
    void uploadsAndUrlsGetMassAssignmentSsrfAndResourceThreatsNamingTheProperties() {
        assertThat(model.threatsFor("POST /imports"))
                .extracting(Threat::strideCategory, Threat::owaspCategory)
                .containsExactly(
                        tuple(Stride.TAMPERING, OwaspApiTop10.API3),
                        tuple(Stride.ELEVATION_OF_PRIVILEGE, OwaspApiTop10.API7),
                        tuple(Stride.DENIAL_OF_SERVICE, OwaspApiTop10.API4));
        Threat ssrf = model.threatsFor("POST /imports").get(1);
        assertThat(ssrf.targets()).containsExactly("'sourceUrl' (body)");
        assertThat(ssrf.controls()).extracting(Control::anyOf, Control::state)
                .containsExactly(tuple(List.of("threat-protection"), Control.State.UNKNOWN));
        assertThat(ssrf.status()).isEqualTo(Threat.Status.NOT_ASSESSED);
    }

    @Test
    void withTheGatewayKnownEachThreatSaysWhichPolicyMitigatesItOrIsMissing() throws Exception {
        ApiDocument document = new OpenApiLoader().parse(API, "threats.yaml");
        ThreatModel served = ThreatModeler.model(document,
                GatewayPolicies.onEveryOperation(Set.of("api-key", "threat-protection")));

        List<Threat> delete = served.threatsFor("DELETE /users/{userId}");
        // The gateway authenticates: no anonymous spoofing or repudiation any more.
        assertThat(delete).extracting(Threat::strideCategory).doesNotContain(Stride.SPOOFING, Stride.REPUDIATION);
        Threat injection = delete.stream().filter(t -> t.owaspCategory() == OwaspApiTop10.API8).findFirst().orElseThrow();
        assertThat(injection.controls()).extracting(Control::label, Control::state).containsExactly(
                tuple("threat-protection", Control.State.ATTACHED), tuple("contract-validation", Control.State.MISSING));
        assertThat(injection.status()).isEqualTo(Threat.Status.PARTIAL);
        Threat bola = delete.stream().filter(t -> t.owaspCategory() == OwaspApiTop10.API1).findFirst().orElseThrow();
        assertThat(bola.status()).as("ownership is the service's check").isEqualTo(Threat.Status.PARTIAL);
        assertThat(served.trustBoundaries()).filteredOn(b -> b.id().equals("gateway-upstream")).singleElement()
                .satisfies(b -> assertThat(b.controls()).extracting(ThreatModel.BoundaryControl::policy,
                        ThreatModel.BoundaryControl::state).containsExactly(
                        tuple("contract-validation", Control.State.MISSING),
                        tuple("threat-protection", Control.State.ATTACHED)));
    }

    @Test
    void assetsActorsAndDataFlowsComeFromTheSchemas() {
        assertThat(model.assets()).singleElement().satisfies(asset -> {
            assertThat(asset.name()).isEqualTo("User");
            assertThat(asset.classes()).containsExactly(ThreatModel.DataClass.PERSONAL);
            assertThat(asset.properties()).containsExactly("email");
            assertThat(asset.readBy()).containsExactly("GET /users");
        });
        assertThat(model.dataFlows()).containsExactly(
                new ThreatModel.DataFlow("GET /users", "User", ThreatModel.Direction.OUT, "client-gateway"));
        assertThat(model.actors()).extracting(ThreatModel.Actor::kind).containsExactly(
                ThreatModel.ActorKind.ANONYMOUS, ThreatModel.ActorKind.CONSUMER,
                ThreatModel.ActorKind.OTHER_TENANT_CONSUMER, ThreatModel.ActorKind.ADMIN);
        assertThat(model.actors().get(0).reaches()).containsExactly("DELETE /users/{userId}", "POST /login");
        assertThat(model.actors().get(3).reaches()).containsExactly("PUT /admin/flags");
        assertThat(model.entryPoints()).hasSize(7);
        // Imports fetch 'sourceUrl' (a body property), subscriptions call back: both reach third parties.
        assertThat(model.trustBoundaries().get(2).crossings()).containsExactly("POST /imports", "POST /subscriptions");
    }

    @Test
    void webhooksAreEntryPointsWithThirdPartyThreats() throws Exception {
        ApiDocument document = new OpenApiLoader().parse("""
                openapi: 3.1.0
                info: {title: Hooks, version: '1'}
                webhooks:
                  orderPaid:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                email: {type: string}
                      responses: {'200': {description: ok}}
                """, "hooks.yaml");

        ThreatModel hooks = ThreatModeler.model(document);

        assertThat(hooks.entryPoints()).extracting(ThreatModel.EntryPoint::kind).containsExactly("webhook");
        assertThat(hooks.threats()).extracting(Threat::owaspCategory)
                .containsExactly(OwaspApiTop10.API10, OwaspApiTop10.API3);
        assertThat(hooks.threats().get(1).targets()).containsExactly("'email' (payload)");
    }

    @Test
    void callbacksAreThirdPartyInput() {
        assertThat(model.threatsFor("POST /subscriptions"))
                .extracting(Threat::owaspCategory)
                .contains(OwaspApiTop10.API7, OwaspApiTop10.API10);
    }

    @Test
    void operationWithoutTraitsHasNoThreats() {
        assertThat(model.threatsFor("GET /status")).isEmpty();
    }

    @Test
    void threatsFollowDocumentOrderAndEveryThreatIsComplete() {
        assertThat(model.threats().getFirst().operationKey()).isEqualTo("GET /users");
        assertThat(model.threats()).allSatisfy(t -> {
            assertThat(t.description()).isNotBlank();
            assertThat(t.mitigation()).isNotBlank();
        });
    }

    @Test
    void countsByStrideIncludeEveryCategory() {
        Map<Stride, Long> counts = model.countByStride();

        assertThat(counts).containsOnlyKeys(Stride.values());
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(model.threats().size());
        assertThat(counts.get(Stride.REPUDIATION)).isEqualTo(2); // anonymous delete and anonymous login
    }
}
