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
    private static final int JOINER = 3;

    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /**
     * Every word the tokenizer recognises, and the words the grammar names outside it: a value of
     * words, digits, spaces and underscores with none of these, not even after the number that leads
     * a word ({@code 1union}, which the tokenizer splits into a number and a word), has no SQL to read.
     */
    public static java.util.List<String> vocabulary() {
        java.util.List<String> words = new java.util.ArrayList<>(SqlKeywords.words());
        words.add("mysql");
        return words;
    }

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
                if (rule == null) {
                    rule = danglingCall(value);
                }
                if (rule == null) {
                    rule = danglingLogic(value);
                }
                return rule != null ? rule : openedLiteral(value, present);
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

        /**
         * A whole value that is a SQL function or operator word, at most {@value #JOINER} characters of
         * punctuation and an opening parenthesis that ends it: {@code length||(}, {@code version=(},
         * {@code IN (}. A fuzzer's probe for which call the database accepts; nothing else ends a value
         * on a function name's open parenthesis. Reads the end of the value only: constant time.
         */
        private SqlRule danglingCall(CharSequence value) {
            int i = value.length() - 1;
            while (i >= 0 && SqlTokenizer.isSpace(value.charAt(i))) {
                i--;
            }
            if (i < 1 || value.charAt(i) != '(') {
                return null;
            }
            int punctuation = i;
            i--;
            while (i >= 0 && punctuation - i <= JOINER && !Character.isLetterOrDigit(value.charAt(i))) {
                i--;
            }
            int end = i + 1;
            while (i >= 0 && end - i <= 32 && (Character.isLetterOrDigit(value.charAt(i)) || value.charAt(i) == '_')) {
                i--;
            }
            int start = i + 1;
            while (i >= 0 && SqlTokenizer.isSpace(value.charAt(i))) {
                i--;
            }
            scanned += value.length() - i;
            if (i >= 0 || start == end || punctuation - end > JOINER) {
                return null;
            }
            int keyword = SqlKeywords.lookup(value, start, end);
            int roles = SqlKeywords.roles(keyword);
            boolean callable = (roles & (SqlKeywords.FUNC | SqlKeywords.FUNC_PROBE | SqlKeywords.FUNC_TIME
                    | SqlKeywords.CATALOG)) != 0 || keyword == SqlKeywords.IN || keyword == SqlKeywords.EXISTS;
            return keyword >= 0 && callable ? SqlRule.FUNCTION_PROBE : null;
        }

        /**
         * A short value that is an operand holding a digit and a logical operator left open at its end
         * ({@code 3 or }, {@code /7 AND(}, {@code id=5 or}): the first half of a boolean-blind condition,
         * completed by the text the application appends. Reads the end of the value only.
         */
        private SqlRule danglingLogic(CharSequence value) {
            int i = value.length() - 1;
            while (i >= 0 && (SqlTokenizer.isSpace(value.charAt(i)) || value.charAt(i) == '(')) {
                i--;
            }
            int end = i + 1;
            while (i >= 0 && end - i <= 3 && Character.isLetter(value.charAt(i))) {
                i--;
            }
            int keyword = SqlKeywords.lookup(value, i + 1, end);
            if (keyword < 0 || (SqlKeywords.roles(keyword) & (SqlKeywords.LOGIC_OR | SqlKeywords.LOGIC_AND)) == 0
                    || i < 1 || !SqlTokenizer.isSpace(value.charAt(i))) {
                return null;
            }
            while (i >= 0 && SqlTokenizer.isSpace(value.charAt(i))) {
                i--;
            }
            boolean digit = false;
            int operandEnd = i;
            while (i >= 0 && operandEnd - i < 16 && Character.isLetterOrDigit(value.charAt(i))) {
                digit |= Character.isDigit(value.charAt(i));
                i--;
            }
            while (i >= 0 && operandEnd - i < 18 && (value.charAt(i) == '/' || SqlTokenizer.isSpace(value.charAt(i)))) {
                i--;
            }
            if (i > 0 && value.charAt(i) == '=') {              // name=3 or : a nested parameter
                int name = i;
                i--;
                while (i >= 0 && name - i <= 32 && (Character.isLetterOrDigit(value.charAt(i)) || value.charAt(i) == '_')) {
                    i--;
                }
            }
            scanned += value.length() - i;
            return digit && i < 0 ? SqlRule.BOOLEAN_BLIND : null;
        }

        /**
         * A value ending in a pattern operator and a quote that opens a literal nothing closes
         * ({@code x LIKE '}, {@code name REGEXP "}): the probe that checks whether the quote reaches the
         * query. The only quote of its kind, read from the end: constant time but for the survey.
         */
        private SqlRule openedLiteral(CharSequence value, int present) {
            int i = value.length() - 1;
            while (i >= 0 && SqlTokenizer.isSpace(value.charAt(i))) {
                i--;
            }
            if (i < 1) {
                return null;
            }
            char quote = SqlTokenizer.quoteClass(value.charAt(i));
            if (quote != '\'' && quote != '"' || quoteCount(value, quote) != 1) {
                return null;
            }
            int end = i;
            while (end > 0 && SqlTokenizer.isSpace(value.charAt(end - 1))) {
                end--;
            }
            int start = end;
            while (start > 0 && end - start < 8 && Character.isLetter(value.charAt(start - 1))) {
                start--;
            }
            scanned += value.length() - start;
            int keyword = start < end && (start == 0 || SqlTokenizer.isSpace(value.charAt(start - 1)))
                    ? SqlKeywords.lookup(value, start, end) : -1;
            boolean pattern = keyword == SqlKeywords.LIKE || keyword >= 0 && (SqlKeywords.roles(keyword) & SqlKeywords.BINARY) != 0
                    && (SqlKeywords.lookup("ilike", 0, 5) == keyword || SqlKeywords.lookup("rlike", 0, 5) == keyword
                    || SqlKeywords.lookup("regexp", 0, 6) == keyword);
            return pattern && start > 0 && end < i ? SqlRule.OPERATOR_INJECTION : null;
        }

        private int quoteCount(CharSequence value, char quote) {
            int count = 0;
            for (int k = 0; k < value.length(); k++) {
                if (SqlTokenizer.quoteClass(value.charAt(k)) == quote) {
                    count++;
                }
            }
            scanned += value.length();
            return count;
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
