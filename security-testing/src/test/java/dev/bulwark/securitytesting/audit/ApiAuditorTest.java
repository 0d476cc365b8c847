package dev.bulwark.securitytesting.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.audit.rules.DefaultRules;
import dev.bulwark.securitytesting.openapi.ApiDocument;
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
                && f.location().toString().equals("/paths/~1pets~1{petId}/parameters/0")).hasSize(1);
        assertThat(findings).doesNotHaveDuplicates();
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
        public List<Finding> check(ApiDocument document) {
            return body.apply(document);
        }
    }
}
