package dev.bulwark.securitytesting.audit;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.rules.DefaultRules;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** Runs a fixed set of rules over a document and scores the outcome. Thread-safe. */
public final class ApiAuditor {

    private final List<AuditRule> rules;
    private final ScorePolicy scorePolicy;

    public ApiAuditor(List<AuditRule> rules, ScorePolicy scorePolicy) {
        this.rules = List.copyOf(rules);
        this.scorePolicy = Objects.requireNonNull(scorePolicy, "scorePolicy");
        Set<String> ids = new HashSet<>();
        for (AuditRule rule : this.rules) {
            if (!ids.add(rule.descriptor().id())) {
                throw new IllegalArgumentException("Duplicate rule id " + rule.descriptor().id());
            }
        }
    }

    public static ApiAuditor withDefaultRules() {
        return new ApiAuditor(DefaultRules.all(), ScorePolicy.DEFAULT);
    }

    public List<RuleDescriptor> rules() {
        return rules.stream().map(AuditRule::descriptor).toList();
    }

    public AuditReport audit(ApiDocument document) {
        List<Finding> findings = rules.stream()
                .flatMap(rule -> run(rule, document))
                .distinct() // shared components reached from several operations report once
                .sorted(Finding.ORDER)
                .toList();
        return new AuditReport(document, rules(), findings, scorePolicy.score(findings));
    }

    private static Stream<Finding> run(AuditRule rule, ApiDocument document) {
        String id = rule.descriptor().id();
        List<Finding> found;
        try {
            found = rule.check(document);
        } catch (RuntimeException e) {
            // A silent gap in coverage would read as a clean bill of health; fail loudly instead.
            throw new IllegalStateException("Rule " + id + " failed on " + document.origin(), e);
        }
        found.forEach(finding -> {
            if (!finding.ruleId().equals(id)) {
                throw new IllegalStateException("Rule " + id + " reported a finding as " + finding.ruleId());
            }
        });
        return found.stream();
    }
}
