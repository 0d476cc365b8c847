package dev.bulwark.dataplane.threat.injection;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.detect.Detector;
import dev.bulwark.dataplane.threat.injection.detect.Gate;
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

    /**
     * What the tokenizer and the grammar need before any rule can fire: a quote to break out of (also a
     * typographic one, or PostgreSQL's {@code $$}; other non-ASCII characters are text, keywords being
     * ASCII); a comparison ({@code = < > ~ ^=}, {@code !=} included) or {@code || &&} for tautologies
     * and blind conditions (a lone {@code !} negates an operand, which needs one of these around it);
     * a comment ({@code # /* --}) for truncation and executable comments; a word of the vocabulary
     * (statements, clauses, functions, AND/OR, types, catalogs, system variables), also right after a
     * number ({@code 1union}, {@code 0x1fselect}: the prefilter reads such tails as words); MySQL's bare
     * exponent ({@code 1.e(}); or the operators {@code @@} and {@code @?}. Commas, dots, colons, a
     * single dash or {@code @}, parentheses, slashes, semicolons, {@code % + ?} and brackets are read
     * only next to one of these, so dates, e-mails, decimals, UUIDs and prose without SQL words skip
     * the family.
     */
    private static final Gate GATE = Gate.chars(Subject.QUOTE | Subject.DQUOTE | Subject.BACKTICK | Subject.DOLLAR
                    | Subject.EQUALS | Subject.LT | Subject.GT | Subject.TILDE | Subject.CARET | Subject.PIPE | Subject.AMP
                    | Subject.HASH | Subject.STAR)
            .words(SqlInjectionDetector.vocabulary())
            .flags(Gate.BARE_EXPONENT | Gate.PAIRED_OPERATOR | Gate.TYPOGRAPHIC_QUOTE);

    @Override
    public Gate gate() {
        return GATE;
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
