package dev.bulwark.dataplane.threat.injection.detect;

import static dev.bulwark.dataplane.threat.injection.detect.CommandWords.AMBIGUOUS;
import static dev.bulwark.dataplane.threat.injection.detect.CommandWords.DISTINCTIVE;
import static dev.bulwark.dataplane.threat.injection.detect.CommandWords.WRAPPER;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.TextBuffer;

/**
 * Reads a value the way a shell (sh or cmd.exe) would tokenise it, in one pass: words, command
 * separators, substitutions and redirections, and decides whether a program name stands where a
 * shell would run it. Quotes, backslashes, carets and empty expansions inside a word are removed as
 * the shell removes them ({@code w'h'o'am'i}, {@code c\at}, {@code cu$@rl} all spell a command), and
 * doing so is itself remembered as evidence of evasion.
 *
 * <p>Where a word stands decides how much evidence it needs: after a separator or inside a
 * substitution a known program suffices; at the start of a value the program needs arguments (an
 * option, a path, another program); a program name that is also a common word ({@code cat}, {@code time})
 * needs command syntax next to it.
 */
final class ShellScanner {
    private static final int START = 0;
    private static final int SEPARATOR = 1;
    private static final int SUBSTITUTION = 2;
    private static final int WRAPPED = 3;

    private static final Rule SUBSTITUTION_RULE = CommandDetector.SUBSTITUTION;

    private ShellScanner() {
    }

    static Rule scan(Subject s) {
        CharSequence t = s.text();
        TextBuffer word = s.word;
        int n = t.length();
        boolean commandPosition = true;
        int reason = START;
        int pending = 0;           // classification of the previous command word awaiting evidence, or 0
        int pendingReason = START;
        boolean interpreter = false;
        boolean backtick = false;
        boolean definer = false;    // the pending word defines commands (alias, export)
        int pendingWords = 0;       // words read since a distinctive program at the start
        int redirectFrom = -1;
        boolean binPath = false;    // the pending ambiguous program was named by a path into a bin directory      // reason of an ambiguous program followed by a redirect, until its target is read
        int braces = 0;
        int skippable = 0;         // option/number words a wrapper may take before its command
        for (int i = 0; i < n; ) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == 0x0B || c == 0x0C || c == ',' && braces > 0) {
                i++;
                continue;
            }
            if (ifs(t, i) > 0) {
                i += ifs(t, i);
                continue;
            }
            int op = operator(t, i);
            if (c == '(' && i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                // "name(": a subshell opens only where a command starts; glued to a word it is a
                // function definition or a syntax error (system('id') is PHP's call, not sh's subshell)
                pending = 0;
                commandPosition = false;
                i++;
                continue;
            }
            if (op > 0) {
                char last = t.charAt(i + op - 1);
                boolean substitution = c == '$' || c == '`' && !backtick || (c == '<' || c == '>') && last == '(';
                boolean redirect = (c == '<' || c == '>') && last != '(' || c == '&' && op == 2 && last == '>';
                boolean closing = c == ')' || c == '}' || c == '`' && backtick;
                boolean terminator = c == ';' || c == '\n' || c == '\r' || c == '&' && !redirect || c == '|' && op == 2 || closing;
                boolean hereString = c == '<' && op >= 3;
                if (pending == AMBIGUOUS && (pendingReason != START && (redirect || terminator) || hereString)
                        || pending == DISTINCTIVE && (redirect || (terminator || c == '|') && pendingWords == 0)) {
                    return rule(pendingReason);
                }
                // at the start of a value, "file > save" is prose: a redirect counts when its target is a path or a file
                redirectFrom = pending == AMBIGUOUS && redirect ? pendingReason : -1;
                pending = 0;
                interpreter = false;
                if (c == '`') {
                    backtick = !backtick;
                } else if (c == '{') {
                    braces++;
                } else if (c == '}' && braces > 0) {
                    braces--;
                }
                commandPosition = !redirect && !closing;
                reason = substitution ? SUBSTITUTION : SEPARATOR;
                skippable = 0;
                i += op;
                continue;
            }
            boolean quotedStart = c == '\'' || c == '"';
            long read = readWord(t, i, word, braces > 0);
            boolean obfuscated = (read & 1) != 0;
            boolean comma = (read & 2) != 0;
            i = (int) (read >>> 2);
            if (word.length() == 0) {
                continue;
            }
            if (interpreter && CommandWords.EXEC_FLAGS.contains(word) || comma && ShellWords.commaInvocation(word)) {
                return CommandDetector.INTERPRETER_EXEC;
            }
            interpreter = word.length() <= 16 && CommandWords.isInterpreter(word);
            if (redirectFrom >= 0 && (ShellWords.path(word) || ShellWords.fileName(word) || ShellWords.number(word))) {
                return rule(redirectFrom);
            }
            redirectFrom = -1;
            if (pending != 0) {
                if (argumentEvidence(word, pending, pendingReason != START) || definer && ShellWords.definition(word)
                        || quotedStart && pendingReason != START && CommandWords.classify(word) != 0) {
                    return rule(pendingReason);
                }
                if (pending != DISTINCTIVE) {
                    pending = 0; // a distinctive program keeps looking for an option or a path until the command ends
                }
                pendingWords++;
            }
            if (!commandPosition) {
                continue;
            }
            int kind = CommandWords.classify(word);
            if (obfuscated && kind != 0) {
                return CommandDetector.OBFUSCATED_COMMAND;
            }
            if (kind == WRAPPER) {
                pending = AMBIGUOUS; // "env --version", "; env": the wrapper alone is a command too
                pendingReason = reason;
                definer = false;
                reason = WRAPPED;
                skippable = 4;
                continue;
            }
            if (kind == DISTINCTIVE) {
                if (reason != START || CommandWords.isRecon(word)) {
                    return rule(reason);
                }
                pending = DISTINCTIVE;
                pendingReason = START;
                pendingWords = 0;
                commandPosition = false;
                continue;
            }
            if (kind == AMBIGUOUS) {
                if (reason == SUBSTITUTION) {
                    return SUBSTITUTION_RULE;
                }
                pending = AMBIGUOUS;
                pendingReason = reason;
                definer = CommandWords.DEFINERS.contains(word);
                binPath = Ascii.indexOf(word, "bin/", 0) >= 0;
                commandPosition = false;
                continue;
            }
            if (ShellWords.variable(word)) {
                continue; // "$u wget": an unset variable expands to nothing, the next word is the command
            }
            if (reason == WRAPPED && skippable-- > 0 && (ShellWords.option(word) || ShellWords.number(word) || ShellWords.path(word))) {
                continue; // timeout 5 cmd, nice -n 10 cmd, flock -u / cmd
            }
            commandPosition = ShellWords.assignment(word); // VAR=value cmd
        }
        if (pending == AMBIGUOUS && (pendingReason != START || binPath)) {
            return rule(pendingReason); // "; id" at the end, or /usr/bin/id: a program by its path
        }
        if (pending == DISTINCTIVE && pendingWords == 0 && CommandWords.programStart(word) > 0) {
            return CommandDetector.COMMAND_LINE; // /usr/bin/visudo, bin/ansible: a program by its path
        }
        return null;
    }

    private static Rule rule(int reason) {
        return switch (reason) {
            case SEPARATOR -> CommandDetector.CHAINED_COMMAND;
            case SUBSTITUTION -> SUBSTITUTION_RULE;
            default -> CommandDetector.COMMAND_LINE;
        };
    }

    /**
     * Whether the word after a program name makes it a command line: an option or a path always; a
     * file name, a URL or another program after a distinctive name or after a separator.
     */
    private static boolean argumentEvidence(CharSequence w, int pending, boolean chained) {
        if (ShellWords.option(w) || ShellWords.path(w)) {
            return true;
        }
        if (chained && (ShellWords.assignment(w) || w.charAt(0) == '$')) {
            return true;
        }
        return (chained || pending == DISTINCTIVE)
                && (ShellWords.fileName(w) || Ascii.indexOf(w, "://", 0) > 0 || CommandWords.classify(w) == DISTINCTIVE)
                || pending == DISTINCTIVE && CommandWords.SUBCOMMANDS.contains(w);
    }

    /** Length of a shell operator at {@code i}, or 0. */
    private static int operator(CharSequence t, int i) {
        int n = t.length();
        char c = t.charAt(i);
        char next = i + 1 < n ? t.charAt(i + 1) : 0;
        return switch (c) {
            case ';', '\n', '\r', '`', '(', ')', '{', '}' -> 1;
            case '|' -> next == '|' ? 2 : 1;
            case '&' -> next == '&' || next == '>' ? 2 : 1;
            case '$' -> next == '(' ? (i + 2 < n && t.charAt(i + 2) == '(' ? 3 : 2) : 0;
            case '<', '>' -> {
                int k = i + 1;
                while (k < n && k < i + 3 && (t.charAt(k) == '<' || t.charAt(k) == '>' || t.charAt(k) == '&')) {
                    k++;
                }
                yield k < n && t.charAt(k) == '(' ? k + 1 - i : k - i;
            }
            default -> 0;
        };
    }

    /** Length of {@code $IFS}, {@code ${IFS}} or {@code $IFS$9} at {@code i} (a word separator in disguise), or 0. */
    static int ifs(CharSequence t, int i) {
        if (t.charAt(i) != '$') {
            return 0;
        }
        int length = Ascii.matchesAt(t, i + 1, "{ifs}") ? 6 : Ascii.matchesAt(t, i + 1, "ifs") ? 4 : 0;
        if (length > 0 && i + length + 1 < t.length() && t.charAt(i + length) == '$' && Ascii.isDigit(t.charAt(i + length + 1))) {
            length += 2;
        }
        return length;
    }

    /**
     * Reads one word from {@code i} into {@code word}, removing what the shell removes; returns
     * {@code end << 2 | comma << 1 | obfuscated}.
     */
    private static long readWord(CharSequence t, int i, TextBuffer word, boolean inBraces) {
        word.setLength(0);
        int n = t.length();
        boolean windowsPath = i + 2 < n && Ascii.isLetter(t.charAt(i)) && t.charAt(i + 1) == ':' && t.charAt(i + 2) == '\\';
        boolean obfuscated = false;
        boolean comma = false;
        int quotes = 0;
        while (i < n) {
            char c = t.charAt(i);
            char next = i + 1 < n ? t.charAt(i + 1) : 0;
            boolean inside = word.length() > 0;
            if (c == '$' && !inside && next == '{') {
                int close = i + 2;
                while (close < n && close < i + 34 && t.charAt(close) != '}') {
                    close++;
                }
                if (close < n && t.charAt(close) == '}') {
                    for (int k = i; k <= close; k++) {
                        word.append(t.charAt(k)); // ${NAME} as a word (${SHELL} -c ...)
                    }
                    i = close + 1;
                    continue;
                }
            }
            if (c == '$' && inside) {
                int skip = ShellWords.emptyExpansion(t, i);
                if (skip > 0) {
                    obfuscated = true;
                    i += skip;
                    continue;
                }
            }
            if (inside && (c == '`' && next == '`' || c == '<' && next == '(' && i + 2 < n && t.charAt(i + 2) == ')')) {
                obfuscated = true; // ping``, pi<()ng: an empty substitution spliced into a name
                i += c == '`' ? 2 : 3;
                continue;
            }
            if (Ascii.isSpace(c) || c == ',' && inBraces || operator(t, i) > 0 || ifs(t, i) > 0) {
                break;
            }
            if (c == '\'' || c == '"') {
                if (inside && Ascii.isWord(next) && !(c == '\'' && quotes == 0 && ShellWords.contraction(t, i + 1))) {
                    obfuscated = true;
                }
                quotes++;
            } else if (c == '\\' && !windowsPath) {
                obfuscated |= Ascii.isWord(next);
            } else if (c == '^') {
                obfuscated |= inside && Ascii.isWord(next);
            } else {
                comma |= c == ',';
                word.append(c);
            }
            i++;
        }
        return (long) i << 2 | (comma ? 2 : 0) | (obfuscated ? 1 : 0);
    }

}
