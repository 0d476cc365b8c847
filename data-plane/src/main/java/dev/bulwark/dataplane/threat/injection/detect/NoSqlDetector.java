package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * NoSQL operator injection: MongoDB query operators where a plain value was expected (as a JSON
 * key, as {@code param[$ne]} in a form or query name, or inside a value as JSON), server-side
 * JavaScript in queries ({@code $where}, {@code this.password.match(...)}), and ORM filter lookups
 * that traverse relations ({@code user__profile__email__startswith}), which leak data field by field.
 */
public final class NoSqlDetector implements Detector {
    static final Rule OPERATOR = Rule.of("nosql-operator", ThreatFamily.NOSQL,
            "A MongoDB query operator ($ne, $gt, $regex, $where, $expr...) as a key, a bracketed parameter name "
                    + "(user[$ne]) or inside a JSON value.");
    static final Rule JAVASCRIPT = Rule.of("nosql-javascript", ThreatFamily.NOSQL,
            "Server-side JavaScript aimed at a document database (this.<field>.match(, db.<collection>.find(, sleep()).");
    static final Rule ORM_LOOKUP = Rule.of("nosql-orm-lookup", ThreatFamily.NOSQL,
            "An ORM filter name that follows relations into a lookup (a__b__c__startswith): field-by-field data extraction.");

    private static final List<Rule> RULES = List.of(OPERATOR, JAVASCRIPT, ORM_LOOKUP);
    private static final WordSet OPERATORS = WordSet.of("$where", "$ne", "$eq", "$gt", "$gte", "$lt", "$lte", "$in", "$nin",
            "$regex", "$exists", "$not", "$nor", "$or", "$and", "$expr", "$function", "$accumulator", "$elemmatch", "$size",
            "$type", "$mod", "$all", "$text", "$search", "$jsonschema", "$lookup", "$merge", "$out", "$set", "$unset",
            "$rename", "$push", "$pull", "$inc", "$options", "$comment", "$geowithin", "$near", "$slice", "$meta", "$where",
            "$natural", "$max", "$min", "$graphlookup", "$unionwith");
    private static final WordSet LOOKUPS = WordSet.of("exact", "iexact", "contains", "icontains", "startswith", "istartswith",
            "endswith", "iendswith", "regex", "iregex", "in", "gt", "gte", "lt", "lte", "isnull", "has_key", "has_keys",
            "has_any_keys", "range", "search", "year", "month", "day");

    /** Operators need {@code $}, server-side JavaScript a parenthesis, ORM lookups an underscore. */
    private static final Gate GATE = Gate.chars(Subject.DOLLAR | Subject.LPAREN | Subject.UNDERSCORE);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.NOSQL;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        InputKind kind = s.kind();
        if (s.has(Subject.DOLLAR)) {
            if (kind == InputKind.JSON_KEY && OPERATORS.contains(t)) {
                return OPERATOR;
            }
            if (bracketedOperator(t) || !kind.isName() && embeddedOperator(t)) {
                return OPERATOR;
            }
        }
        if (kind.isName() && s.has(Subject.UNDERSCORE) && ormLookup(t)) {
            return ORM_LOOKUP;
        }
        if (s.has(Subject.DOT) && s.has(Subject.LPAREN) && javascript(t)) {
            return JAVASCRIPT;
        }
        return null;
    }

    /**
     * {@code user[$ne]}, {@code a[b][$regex]}: PHP/Express-style nested names that become operator objects;
     * in a value too, where a nested query string or a forwarded name carries them ({@code next=u[$ne]}).
     */
    private static boolean bracketedOperator(CharSequence t) {
        for (int i = 0, n = t.length(); i < n; i++) {
            if (t.charAt(i) == '[' && i + 1 < n && t.charAt(i + 1) == '$') {
                int end = i + 2;
                while (end < n && Ascii.isLetter(t.charAt(end))) {
                    end++;
                }
                if (end < n && t.charAt(end) == ']' && OPERATORS.contains(t, i + 1, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code {"$ne": 1}}, <code>{$gt: ''}</code>: an operator object written inside a value (JSON in a parameter). */
    private static boolean embeddedOperator(CharSequence t) {
        for (int i = 0, n = t.length(); i < n; i++) {
            if (t.charAt(i) != '$') {
                continue;
            }
            int end = i + 1;
            while (end < n && Ascii.isLetter(t.charAt(end))) {
                end++;
            }
            if (!OPERATORS.contains(t, i, end)) {
                continue;
            }
            int before = i - 1;
            if (before >= 0 && (t.charAt(before) == '"' || t.charAt(before) == '\'')) {
                before--;
            }
            while (before >= 0 && Ascii.isSpace(t.charAt(before))) {
                before--;
            }
            int after = end < n && (t.charAt(end) == '"' || t.charAt(end) == '\'') ? end + 1 : end;
            after = Ascii.skipSpaces(t, after);
            boolean key = before >= 0 && (t.charAt(before) == '{' || t.charAt(before) == ',') && after < n && t.charAt(after) == ':';
            if (key || Ascii.matchesAt(t, i, "$where")) {
                return true;
            }
        }
        return false;
    }

    /** Two or more relation hops ending in a lookup: {@code created_by__user__email__startswith}. */
    private static boolean ormLookup(CharSequence t) {
        int separators = 0;
        int lastStart = 0;
        for (int i = 0, n = t.length(); i + 1 < n; i++) {
            if (t.charAt(i) == '_' && t.charAt(i + 1) == '_' && i > 0 && i + 2 < n && t.charAt(i + 2) != '_') {
                separators++;
                lastStart = i + 2;
                i++;
            }
        }
        return separators >= 2 && LOOKUPS.contains(t, lastStart, t.length());
    }

    private static boolean javascript(CharSequence t) {
        for (int i = Ascii.indexOf(t, "this.", 0); i >= 0; i = Ascii.indexOf(t, "this.", i + 5)) {
            int end = Ascii.wordEnd(t, i + 5);
            if (end > i + 5 && Ascii.matchesAt(t, end, ".match(") || Ascii.matchesAt(t, end, ".length") && Ascii.contains(t, "return")) {
                return true;
            }
        }
        for (int i = Ascii.indexOf(t, "db.", 0); i >= 0; i = Ascii.indexOf(t, "db.", i + 3)) {
            if (i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                continue;
            }
            int end = Ascii.wordEnd(t, i + 3);
            if (end > i + 3 && end < t.length() && t.charAt(end) == '.') {
                int method = Ascii.wordEnd(t, end + 1);
                if (method > end + 1 && method < t.length() && t.charAt(method) == '(') {
                    return true;
                }
            }
        }
        return false;
    }
}
