package dev.bulwark.securitytesting.audit;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.Severity;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Start at 100 and deduct a weight per finding by severity, floored at 0. Only the
 * {@code perRuleCap} heaviest findings of each rule count: one issue repeated over a hundred
 * operations is still one issue to fix, and must not hide how many distinct issues there are.
 */
public record ScorePolicy(Map<Severity, Integer> weights, int perRuleCap) {

    /** CRITICAL 25, HIGH 10, MEDIUM 5, LOW 1, INFO 0; three findings per rule at most. */
    public static final ScorePolicy DEFAULT = new ScorePolicy(Map.of(
            Severity.CRITICAL, 25,
            Severity.HIGH, 10,
            Severity.MEDIUM, 5,
            Severity.LOW, 1,
            Severity.INFO, 0), 3);

    public ScorePolicy {
        weights = Map.copyOf(new EnumMap<>(weights));
        for (Severity severity : Severity.values()) {
            Integer weight = weights.get(severity);
            if (weight == null || weight < 0) {
                throw new IllegalArgumentException("Missing or negative weight for " + severity);
            }
        }
        if (perRuleCap < 1) {
            throw new IllegalArgumentException("perRuleCap must be at least 1");
        }
    }

    public int weight(Severity severity) {
        return weights.get(severity);
    }

    public Score score(List<Finding> findings) {
        int deduction = findings.stream()
                .collect(Collectors.groupingBy(Finding::ruleId))
                .values().stream()
                .mapToInt(this::ruleDeduction)
                .sum();
        return Score.of(Math.max(0, 100 - deduction));
    }

    private int ruleDeduction(List<Finding> ofOneRule) {
        return ofOneRule.stream()
                .map(finding -> weight(finding.severity()))
                .sorted(Comparator.reverseOrder())
                .limit(perRuleCap)
                .mapToInt(Integer::intValue)
                .sum();
    }
}
