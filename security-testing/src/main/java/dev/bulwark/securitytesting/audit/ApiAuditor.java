package dev.bulwark.securitytesting.audit;

import dev.bulwark.securitytesting.audit.model.AuditRule;
import dev.bulwark.securitytesting.audit.model.AuditTarget;
import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.audit.rules.DefaultRules;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.openapi.JsonPointer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Runs a fixed set of rules over a document and scores the outcome. Thread-safe. */
public final class ApiAuditor {

    private final List<AuditRule> rules;
    private final ScorePolicy scorePolicy;
    private final Map<String, ScorePart> parts = new HashMap<>();

    public ApiAuditor(List<AuditRule> rules, ScorePolicy scorePolicy) {
        this.rules = List.copyOf(rules);
        this.scorePolicy = Objects.requireNonNull(scorePolicy, "scorePolicy");
        for (AuditRule rule : this.rules) {
            if (parts.put(rule.descriptor().id(), rule.descriptor().part()) != null) {
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

    public ScorePolicy scorePolicy() {
        return scorePolicy;
    }

    /** Audits the document alone, gateway unknown. */
    public AuditReport audit(ApiDocument document) {
        return audit(document, GatewayPolicies.UNKNOWN);
    }

    /** Audits the API as served: the document and the gateway policies attached to it. */
    public AuditReport audit(ApiDocument document, GatewayPolicies gateway) {
        AuditTarget target = new AuditTarget(document, gateway);
        Map<Key, Set<String>> merged = new LinkedHashMap<>();
        Map<Key, Finding> first = new HashMap<>();
        for (AuditRule rule : rules) {
            for (Finding finding : run(rule, target)) {
                Key key = new Key(finding);
                first.putIfAbsent(key, finding);
                merged.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(finding.operations());
            }
        }
        List<Finding> findings = merged.entrySet().stream()
                .map(e -> first.get(e.getKey()).withOperations(List.copyOf(e.getValue())))
                .sorted(Finding.ORDER)
                .toList();
        Score score = scorePolicy.score(findings, parts, document.allOperations().size());
        return new AuditReport(document, gateway, rules(), findings, score);
    }

    /**
     * One problem, one finding: the same rule reporting the same thing at the same place from
     * several operations (a shared component, a path-level parameter) is merged, its operations
     * combined.
     */
    private record Key(String ruleId, JsonPointer location, String message, Severity severity) {
        Key(Finding f) {
            this(f.ruleId(), f.location(), f.message(), f.severity());
        }
    }

    private static List<Finding> run(AuditRule rule, AuditTarget target) {
        String id = rule.descriptor().id();
        List<Finding> found;
        try {
            found = rule.check(target);
        } catch (RuntimeException e) {
            // A silent gap in coverage would read as a clean bill of health; fail loudly instead.
            throw new IllegalStateException("Rule " + id + " failed on " + target.document().origin(), e);
        }
        found.forEach(finding -> {
            if (!finding.ruleId().equals(id)) {
                throw new IllegalStateException("Rule " + id + " reported a finding as " + finding.ruleId());
            }
        });
        return found;
    }
}
