package dev.bulwark.dataplane.contract;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import dev.bulwark.contracts.snapshot.EcmaPatterns;

/**
 * Schema {@code pattern}s, {@code patternProperties} and the {@code regex} format through RE2/J:
 * matching time is linear in the input whatever the pattern, so a tenant's {@code ^(a+)+$} is no
 * lever for an attacker. (networknt offers the JDK's engine, Joni and GraalJS, all of which
 * backtrack.) Patterns RE2 cannot express fail to compile; the control plane refuses them when the
 * document is imported, and the gateway confines one that slips through to its operation. The
 * commonest shape, runs of character sets anchored at both ends, is matched by
 * {@link AnchoredRunPattern} in one greedy pass instead (RE2/J's NFA costs about a microsecond a value).
 */
final class Re2RegularExpressionFactory implements RegularExpressionFactory {
    static final Re2RegularExpressionFactory INSTANCE = new Re2RegularExpressionFactory();

    private Re2RegularExpressionFactory() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(EcmaPatterns.toRe2(regex));
        // compiled by RE2 all the same, so that a pattern RE2 refuses is refused whichever matcher runs
        AnchoredRunPattern runs = AnchoredRunPattern.compile(regex);
        if (runs != null) {
            return runs::matches;
        }
        // JSON Schema patterns are not anchored: a match anywhere in the value counts. A pattern that
        // starts with ^ (and has no top-level alternative without it) can only match at the start:
        // asking for an anchored match gives the same answer and lets RE2 use its faster matchers.
        if (anchoredAtStart(regex)) {
            return value -> pattern.matcher(value).lookingAt();
        }
        return value -> pattern.matcher(value).find();
    }

    /** True for {@code ^...} without inline flags (multi-line ^ matches after any line break) and without a top-level {@code |}. */
    static boolean anchoredAtStart(String regex) {
        if (!regex.startsWith("^") || regex.contains("(?")) {
            return false;
        }
        int depth = 0;
        boolean inClass = false;
        for (int i = 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++; // a ']' right after '[' is a literal
                } else if (i + 2 < regex.length() && regex.charAt(i + 1) == '^' && regex.charAt(i + 2) == ']') {
                    i += 2;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return false;
            }
        }
        return true;
    }
}
