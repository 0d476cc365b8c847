package dev.bulwark.securitytesting.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.audit.rules.DefaultRules;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.OpenApiLoader;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ApiAuditorTest {

    private final ApiAuditor auditor = ApiAuditor.withDefaultRules();

    @Test
    void insecurePetStoreFailsAcrossMostOwaspCategories() {
        AuditReport report = auditor.audit(Fixtures.load(Fixtures.INSECURE));

        assertThat(report.score().grade()).isEqualTo(Grade.F);
        assertThat(report.findings()).extracting(Finding::owaspCategory).contains(
                OwaspApiTop10.API1, OwaspApiTop10.API2, OwaspApiTop10.API3, OwaspApiTop10.API4,
                OwaspApiTop10.API5, OwaspApiTop10.API6, OwaspApiTop10.API7, OwaspApiTop10.API8, OwaspApiTop10.API9);
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("unprotected-object-id");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.location()).hasToString("/paths/~1pets~1{petId}/delete");
        });
    }

    @Test
    void securedPetStoreScoresFarHigherWithNothingSerious() {
        AuditReport insecure = auditor.audit(Fixtures.load(Fixtures.INSECURE));
        AuditReport secured = auditor.audit(Fixtures.load(Fixtures.SECURED));

        assertThat(secured.score().value()).isGreaterThanOrEqualTo(90).isGreaterThan(insecure.score().value());
        assertThat(secured.findings()).noneMatch(f -> f.severity().compareTo(Severity.MEDIUM) <= 0);
        assertThat(secured.passes(90)).isTrue();
        assertThat(insecure.passes(50)).isFalse();
    }

    @Test
    void findingsAreSortedBySeverityThenLocationAndStableAcrossRuns() {
        ApiDocument document = Fixtures.load(Fixtures.INSECURE);
        List<Finding> first = auditor.audit(document).findings();

        assertThat(first).isSortedAccordingTo(Finding.ORDER);
        assertThat(auditor.audit(Fixtures.load(Fixtures.INSECURE)).findings()).isEqualTo(first);
    }

    @Test
    void identicalFindingsFromSharedComponentsAreReportedOnce() {
        List<Finding> findings = auditor.audit(Fixtures.load(Fixtures.INSECURE)).findings();

        // petId is declared once for GET and DELETE of /pets/{petId}.
        assertThat(findings).filteredOn(f -> f.ruleId().equals("sequential-object-id")
                && f.location().toString().equals("/paths/~1pets~1{petId}/parameters/0")).singleElement()
                .satisfies(f -> assertThat(f.operations()).containsExactly("GET /pets/{petId}", "DELETE /pets/{petId}"));
        assertThat(findings).doesNotHaveDuplicates();
    }

    @Test
    void aProblemInASharedComponentIsOneFindingListingTheOperationsUsingIt() throws Exception {
        ApiDocument document = new OpenApiLoader().parse("""
                openapi: 3.0.3
                info: {title: Shared, version: '1'}
                paths:
                  /a: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}},
                       responses: {'201': {description: ok}}}}
                  /b: {put: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}},
                       responses: {'200': {description: ok}}}}
                  /c: {patch: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Note'}}}},
                       responses: {'200': {description: ok}}}}
                components:
                  schemas:
                    Note:
                      type: object
                      properties:
                        text: {type: string}
                """, "shared.yaml");

        List<Finding> findings = auditor.audit(document).findings();

        assertThat(findings).filteredOn(f -> f.ruleId().equals("unbounded-string")).singleElement().satisfies(f -> {
            assertThat(f.location()).hasToString("/components/schemas/Note/properties/text");
            assertThat(f.operations()).containsExactly("POST /a", "PUT /b", "PATCH /c");
        });
        assertThat(findings).filteredOn(f -> f.ruleId().equals("mass-assignment")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("Schema 'Note' is an object"));
    }

    @Test
    void aWebhookOnlyDocumentIsAuditedNotWavedThrough() throws Exception {
        ApiDocument document = new OpenApiLoader().parse("""
                openapi: 3.1.0
                info: {title: Hooks, version: '1'}
                servers: [{url: 'https://api.example.com'}]
                webhooks:
                  newPet:
                    post:
                      requestBody:
                        content:
                          application/json:
                            schema:
                              type: object
                              properties:
                                ownerEmail: {type: string}
                                apiSecret: {type: string}
                      responses: {'200': {description: ok}}
                """, "hooks.yaml");

        AuditReport report = auditor.audit(document);

        assertThat(report.operationCount()).isEqualTo(1);
        assertThat(report.findings()).extracting(Finding::ruleId)
                .contains("unsafe-callback", "sensitive-data-in-response");
        assertThat(report.score().grade()).isNotEqualTo(Grade.A);
    }

    @Test
    void aCatchAllCannotScoreAEvenWithEveryGatewayPolicy() throws Exception {
        ApiDocument document = new OpenApiLoader().parse("""
                openapi: 3.0.3
                info: {title: Everything, version: '1'}
                servers: [{url: 'https://api.example.com'}]
                paths: {}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-Api-Key}
                """, "catch-all.yaml");
        GatewayPolicies everything = GatewayPolicies.onEveryOperation(Set.of("api-key", "rate-limit", "quota",
                "request-limits", "contract-validation", "threat-protection", "cors", "ip-filter"));

        AuditReport alone = auditor.audit(document);
        AuditReport served = auditor.audit(document, everything);

        assertThat(alone.findings()).extracting(Finding::ruleId).contains("catch-all-api");
        assertThat(served.score().grade()).isNotEqualTo(Grade.A);
        assertThat(served.score().value()).isLessThan(90);
    }

    @Test
    void anApiWhoseGatewayAuthenticatesEveryOperationIsJudgedAsServed() {
        ApiDocument document = Fixtures.load(Fixtures.INSECURE);
        AuditReport alone = auditor.audit(document);
        AuditReport served = auditor.audit(document, GatewayPolicies.onEveryOperation(Set.of("api-key")));

        assertThat(alone.findings()).extracting(Finding::ruleId).contains("write-without-security",
                "operation-without-security", "unprotected-object-id");
        assertThat(served.findings()).extracting(Finding::ruleId).doesNotContain("write-without-security",
                "operation-without-security", "unprotected-object-id")
                .contains("no-contract-validation", "no-injection-protection");
        assertThat(served.score().security()).isGreaterThan(alone.score().security());
    }

    @Test
    void countsEverySeverity() {
        AuditReport report = auditor.audit(Fixtures.load(Fixtures.SECURED));

        assertThat(report.countBySeverity()).containsOnlyKeys(Severity.values());
    }

    @Test
    void defaultRulesHaveUniqueIdsAndCoverAllTenCategories() {
        List<RuleDescriptor> rules = auditor.rules();

        assertThat(rules).extracting(RuleDescriptor::id).doesNotHaveDuplicates();
        assertThat(rules.size()).isGreaterThanOrEqualTo(14);
        Set<OwaspApiTop10> covered = rules.stream().map(RuleDescriptor::category).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(OwaspApiTop10.values());
    }

    @Test
    void rejectsDuplicateRuleIds() {
        AuditRule rule = DefaultRules.all().getFirst();

        assertThatThrownBy(() -> new ApiAuditor(List.of(rule, rule), ScorePolicy.DEFAULT))
                .hasMessageContaining(rule.descriptor().id());
    }

    @Test
    void aFailingRuleFailsTheAuditInsteadOfSilentlyShrinkingCoverage() {
        AuditRule broken = new StubRule(doc -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> new ApiAuditor(List.of(broken), ScorePolicy.DEFAULT)
                .audit(Fixtures.load(Fixtures.SECURED)))
                .hasMessageContaining("Rule stub failed")
                .hasRootCauseMessage("boom");
    }

    @Test
    void aRuleCannotReportUnderAnotherId() {
        AuditRule impostor = new StubRule(doc -> List.of(new Finding("other", Severity.LOW, OwaspApiTop10.API9,
                "m", JsonPointer.ROOT, "r")));

        assertThatThrownBy(() -> new ApiAuditor(List.of(impostor), ScorePolicy.DEFAULT)
                .audit(Fixtures.load(Fixtures.SECURED)))
                .hasMessageContaining("reported a finding as other");
    }

    @Test
    void owaspCategoriesCarryTheirOfficialIdsAndPages() {
        assertThat(Arrays.stream(OwaspApiTop10.values()).map(OwaspApiTop10::id))
                .startsWith("API1:2023").endsWith("API10:2023");
        assertThat(OwaspApiTop10.API10.helpUri()).hasToString(
                "https://owasp.org/API-Security/editions/2023/en/0xaa-unsafe-consumption-of-apis/");
    }

    /** A rule made of a lambda, for the auditor's own contract tests. */
    private record StubRule(java.util.function.Function<ApiDocument, List<Finding>> body) implements AuditRule {

        @Override
        public RuleDescriptor descriptor() {
            return new RuleDescriptor("stub", "Stub", OwaspApiTop10.API9, Severity.LOW, "none");
        }

        @Override
        public List<Finding> check(AuditTarget target) {
            return body.apply(target.document());
        }
    }
}
