package dev.bulwark.dataplane.threat.injection.sql;

import dev.bulwark.contracts.policy.ThreatSensitivity;

/**
 * Decides whether one (already decoded) input value is a SQL injection, and which kind.
 *
 * <p>An input reaches SQL in one of a few places: spliced bare into the statement (a number, an
 * identifier), or inside a literal the application opened with {@code '}, {@code "} or a backtick.
 * The value is tokenised once per place it could break out of (a quoted context is tried only when
 * the value holds that quote), and each token stream is judged by
 * <ul>
 *   <li>{@link SqlSignatures}: sequences that are injection wherever they stand ({@code UNION SELECT},
 *       delays, catalogs, {@code INTO OUTFILE}, executable comments);</li>
 *   <li>{@link SqlGrammar}: a walk from the injection point that stops where the text stops being
 *       SQL, and reports what the SQL read up to there does (tautology, blind condition, stacked
 *       statement, truncating comment, clause, function call).</li>
 * </ul>
 * The first finding wins, in a fixed order of contexts and checks, so a value always gets the same id.
 *
 * <p>Cost is linear in the value; nothing is allocated per call once a thread's workspace exists.
 * Thread-safe: each thread has its own workspace.
 */
public final class SqlInjectionDetector {

    private static final char[] QUOTES = {'\'', '"', '`'};
    private static final int EQUALS = 8;

    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /** The rule id ({@code sql-...}) the value triggers, or null. */
    public String match(CharSequence value, ThreatSensitivity sensitivity) {
        SqlRule rule = detect(value, sensitivity);
        return rule == null ? null : rule.id();
    }

    public SqlRule detect(CharSequence value, ThreatSensitivity sensitivity) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return workspaces.get().detect(value, sensitivity == ThreatSensitivity.STRICT);
    }

    /** Steps (characters and tokens visited, look-ahead included) of this thread's last {@link #detect}. */
    long lastSteps() {
        return workspaces.get().steps;
    }

    private static final class Workspace {
        private final SqlTokenizer tokenizer = new SqlTokenizer();
        private final SqlSignatures signatures = new SqlSignatures();
        private final SqlGrammar grammar = new SqlGrammar();
        private long scanned;
        long steps;

        SqlRule detect(CharSequence value, boolean strict) {
            tokenizer.resetSteps();
            signatures.steps = 0;
            grammar.steps = 0;
            scanned = value.length();
            try {
                int present = survey(value);
                SqlRule rule = context(value, 0, value.length(), (char) 0, strict);
                if (rule == null && (present & EQUALS) != 0) {
                    rule = nestedParameters(value, strict);
                }
                if (rule != null) {
                    return rule;
                }
                for (int q = 0; q < QUOTES.length && rule == null; q++) {
                    if ((present & (1 << q)) != 0) {
                        rule = context(value, 0, value.length(), QUOTES[q], strict);
                    }
                }
                return rule;
            } finally {
                steps = tokenizer.steps() + signatures.steps + grammar.steps + scanned;
            }
        }

        private SqlRule context(CharSequence value, int from, int to, char quote, boolean strict) {
            SqlTokens tokens = tokenizer.tokenize(value, from, to, quote);
            if (quote != 0 && tokens.is(0, SqlTokens.UNTERMINATED)) {
                return null;                                    // never leaves the literal
            }
            SqlRule rule = signatures.scan(tokens);
            return rule != null ? rule : grammar.walk(tokens, quote, strict);
        }

        /**
         * A value carrying a query string or a filter ({@code name=...}, {@code a=1&b=2}, {@code /x?id=1}):
         * each right-hand side is where a nested parameter is spliced, so it is read as a bare value of its
         * own: the first one to the end of the value, the others to the next '&'. The parts after the
         * first are disjoint, so this stays linear.
         */
        private SqlRule nestedParameters(CharSequence value, boolean strict) {
            int n = value.length();
            int whole = rightHandSide(value, 0, n);         // name=...: the rest of the value, '&' and all
            if (whole > 0) {
                SqlRule rule = context(value, whole, n, (char) 0, strict);
                if (rule != null) {
                    return rule;
                }
            }
            int start = 0;
            while (start < n && value.charAt(start) != '&' && value.charAt(start) != '?') {
                start++;
            }
            scanned += start;
            start++;
            while (start < n) {
                int end = start;
                while (end < n && value.charAt(end) != '&' && value.charAt(end) != '?') {
                    end++;
                }
                int rightHandSide = rightHandSide(value, start, end);
                if (rightHandSide > 0) {
                    SqlRule rule = context(value, rightHandSide, end, (char) 0, strict);
                    if (rule != null) {
                        return rule;
                    }
                }
                scanned += end - start + 1;
                start = end + 1;
            }
            return null;
        }

        /** The offset after {@code name=} when {@code value[from, to)} starts with one, else -1. */
        private int rightHandSide(CharSequence value, int from, int to) {
            int i = from;
            while (i < to && SqlTokenizer.isSpace(value.charAt(i))) {
                i++;
            }
            int name = i;
            scanned += name - from;
            while (i < to && i - name < 128) {
                char c = value.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || c == '@'
                        || c == '$')) {
                    break;
                }
                i++;
            }
            return i > name && i < to - 1 && value.charAt(i) == '=' && value.charAt(i + 1) != '=' ? i + 1 : -1;
        }

        /** One pass: which quote kinds the value holds (bits 0-2), and whether it holds '=' ({@link #EQUALS}). */
        private static int survey(CharSequence value) {
            int present = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                char q = SqlTokenizer.quoteClass(c);
                present |= q == '\'' ? 1 : q == '"' ? 2 : q == '`' ? 4 : c == '=' ? EQUALS : 0;
            }
            return present;
        }
    }
}
