package dev.bulwark.securitytesting.audit;

import dev.bulwark.securitytesting.audit.model.Finding;
import dev.bulwark.securitytesting.audit.model.ScorePart;
import dev.bulwark.securitytesting.audit.model.Severity;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns findings into the two score parts (docs/security-testing.md, "Score"). Each rule that
 * fired costs its weight, half for firing and half in proportion to the share of operations it
 * affects:
 *
 * <pre>
 *   cost(rule)  = weight(heaviest severity of its findings) × (½ + ½ × share)
 *   part        = round(100 × exp(−Σ cost / scale(part)))
 * </pre>
 *
 * The share is the fraction of the document's operations named by the rule's findings (1 when a
 * finding concerns the whole document), so the same habit costs the same in a 5-operation and a
 * 500-operation API; distinct problems add up; and the exponential approaches 0 without reaching
 * it, so large or poor documents are still told apart instead of all scoring 0.
 */
public record ScorePolicy(Map<Severity, Integer> weights, Map<ScorePart, Double> scales) {

    /** Weights CRITICAL 25, HIGH 10, MEDIUM 5, LOW 1, INFO 0; scales: security 50, data validation 10. */
    public static final ScorePolicy DEFAULT = new ScorePolicy(
            Map.of(Severity.CRITICAL, 25, Severity.HIGH, 10, Severity.MEDIUM, 5, Severity.LOW, 1, Severity.INFO, 0),
            Map.of(ScorePart.SECURITY, 50.0, ScorePart.DATA_VALIDATION, 10.0));

    public ScorePolicy {
        weights = Map.copyOf(new EnumMap<>(weights));
        scales = Map.copyOf(new EnumMap<>(scales));
        for (Severity severity : Severity.values()) {
            Integer weight = weights.get(severity);
            if (weight == null || weight < 0) {
                throw new IllegalArgumentException("Missing or negative weight for " + severity);
            }
        }
        for (ScorePart part : ScorePart.values()) {
            Double scale = scales.get(part);
            if (scale == null || !(scale > 0)) {
                throw new IllegalArgumentException("Missing or non-positive scale for " + part);
            }
        }
    }

    public int weight(Severity severity) {
        return weights.get(severity);
    }

    public double scale(ScorePart part) {
        return scales.get(part);
    }

    /**
     * @param parts          the score part of each rule id
     * @param operationCount the audited operations (served ones and webhooks)
     */
    public Score score(List<Finding> findings, Map<String, ScorePart> parts, int operationCount) {
        Map<ScorePart, Double> cost = new EnumMap<>(ScorePart.class);
        ruleCosts(findings, operationCount).forEach((rule, c) ->
                cost.merge(parts.getOrDefault(rule, ScorePart.SECURITY), c, Double::sum));
        return Score.of(part(cost.getOrDefault(ScorePart.SECURITY, 0.0), ScorePart.SECURITY),
                part(cost.getOrDefault(ScorePart.DATA_VALIDATION, 0.0), ScorePart.DATA_VALIDATION));
    }

    /** What each rule costs, for explaining a score. */
    public Map<String, Double> ruleCosts(List<Finding> findings, int operationCount) {
        Map<String, Severity> heaviest = new LinkedHashMap<>();
        Map<String, Set<String>> affected = new LinkedHashMap<>();
        Set<String> documentWide = new HashSet<>();
        for (Finding f : findings) {
            heaviest.merge(f.ruleId(), f.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            affected.computeIfAbsent(f.ruleId(), k -> new HashSet<>()).addAll(f.operations());
            if (f.documentWide()) {
                documentWide.add(f.ruleId());
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        heaviest.forEach((rule, severity) -> {
            double share = documentWide.contains(rule) || operationCount == 0 ? 1.0
                    : Math.min(1.0, affected.get(rule).size() / (double) operationCount);
            out.put(rule, weight(severity) * (0.5 + 0.5 * share));
        });
        return out;
    }

    private int part(double cost, ScorePart part) {
        return (int) Math.round(100 * Math.exp(-cost / scale(part)));
    }
}
