package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.Rule;
import dev.bulwark.dataplane.threat.injection.detect.Subject;
import dev.bulwark.dataplane.threat.injection.sql.SqlInjectionDetector;
import dev.bulwark.dataplane.threat.injection.sql.SqlRule;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The SQL family as a {@link Detector}: the tokenizer-based {@link SqlInjectionDetector}, its rules in the catalogue. */
final class SqlFamily implements Detector {
    private final SqlInjectionDetector detector = new SqlInjectionDetector();
    private final Map<SqlRule, Rule> rules = new EnumMap<>(SqlRule.class);
    private final List<Rule> catalogue;

    SqlFamily() {
        List<Rule> all = new ArrayList<>();
        for (SqlRule rule : SqlRule.values()) {
            Rule mapped = rule == SqlRule.BREAKOUT ? Rule.strict(rule.id(), ThreatFamily.SQL, "SQL injection: " + rule.id())
                    : Rule.of(rule.id(), ThreatFamily.SQL, "SQL injection: " + rule.id());
            rules.put(rule, mapped);
            all.add(mapped);
        }
        catalogue = List.copyOf(all);
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.SQL;
    }

    @Override
    public List<Rule> rules() {
        return catalogue;
    }

    @Override
    public boolean readsSegments() {
        return true;                // a REST id spliced into a query: /orders/1 OR 1=1
    }

    @Override
    public Rule match(Subject subject) {
        SqlRule rule = detector.detect(subject.text(), subject.strict() ? ThreatSensitivity.STRICT : ThreatSensitivity.DEFAULT);
        return rule == null ? null : rules.get(rule);
    }
}
