package dev.bulwark.securitytesting.audit;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.RuleDescriptor;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Result of auditing one document: the rules that ran, what they found, and the score. */
public record AuditReport(ApiDocument document, GatewayPolicies gateway, List<RuleDescriptor> rules,
        List<Finding> findings, Score score) {

    public AuditReport {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(score, "score");
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
    }

    /** Count per severity, every severity present (zero included), most severe first. */
    public Map<Severity, Long> countBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0L);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1L, Long::sum));
        return counts;
    }

    public boolean passes(int minimumScore) {
        return score.value() >= minimumScore;
    }

    /** The audited operations: served ones and webhooks. */
    public int operationCount() {
        return document.allOperations().size();
    }
}
