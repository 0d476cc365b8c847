package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/**
 * cmd.exe and PowerShell syntax that has no Unix counterpart: {@code FOR ... IN (...) DO}, {@code IF
 * [NOT] EXIST}, and PowerShell cmdlets that fetch or run code. Every look-ahead is bounded by
 * {@link #WINDOW}, so the cost stays linear.
 */
final class WindowsShell {
    private static final int WINDOW = 256;

    /** Cmdlets that download, decode or execute code, or tamper with defences. */
    private static final WordSet CMDLETS = WordSet.of("invoke-expression", "invoke-command", "invoke-webrequest",
            "invoke-restmethod", "invoke-item", "invoke-wmimethod", "invoke-cimmethod", "invoke-shellcode", "invoke-mimikatz",
            "start-process", "start-job", "start-bitstransfer", "new-object", "new-service", "set-executionpolicy",
            "set-mppreference", "add-mppreference", "get-wmiobject", "get-ciminstance", "register-scheduledtask",
            "new-scheduledtaskaction", "import-module", "add-type", "convertto-securestring", "get-credential", "new-psdrive",
            "set-itemproperty", "new-itemproperty", "remove-item", "get-content", "set-content", "out-file", "copy-item",
            "get-childitem", "stop-process", "get-process", "restart-computer", "stop-computer", "enter-pssession",
            "new-pssession", "downloadstring", "downloadfile", "downloaddata", "frombase64string", "get-localuser",
            "get-aduser", "get-acl", "set-acl");

    private WindowsShell() {
    }

    /** The cmdlets and .NET methods the POWERSHELL rule names. */
    static java.util.List<String> cmdlets() {
        return CMDLETS.words();
    }

    static Rule match(Subject s) {
        CharSequence t = s.text();
        int n = t.length();
        boolean loops = s.hasAll(Subject.PERCENT | Subject.LPAREN);
        boolean conditions = s.has(Subject.PERCENT | Subject.EQUALS | Subject.LPAREN | Subject.DQUOTE | Subject.BACKSLASH | Subject.SLASH)
                || Ascii.wordAt(t, Ascii.skipSpaces(t, 0), "if"); // IF ERRORLEVEL 1 ...: keywords only, at the start
        boolean cmdlets = s.has(Subject.MINUS) || s.hasAll(Subject.DOT | Subject.LPAREN); // Verb-Noun, or .DownloadString(
        if (!loops && !conditions && !cmdlets) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = Ascii.lower(t.charAt(i));
            if (i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                continue;
            }
            if (loops && c == 'f' && Ascii.wordAt(t, i, "for") && forLoop(t, i + 3)) {
                return CommandDetector.WINDOWS_BATCH;
            }
            if (conditions && c == 'i' && Ascii.wordAt(t, i, "if") && condition(t, i + 2)) {
                return CommandDetector.WINDOWS_BATCH;
            }
            if (cmdlets && Ascii.isLetter(c)) {
                int end = cmdletEnd(t, i);
                if (end > i && CMDLETS.contains(t, i, end)) {
                    return CommandDetector.POWERSHELL;
                }
            }
        }
        return null;
    }

    /** {@code FOR [/D|/R path|/L|/F "opts"] %%v IN (set) DO command}: the variable, IN, a parenthesised set, DO. */
    private static boolean forLoop(CharSequence t, int i) {
        int end = Math.min(t.length(), i + WINDOW);
        int percent = indexOf(t, '%', i, end);
        if (percent < 0) {
            return false;
        }
        int k = percent + 1;
        while (k < end && t.charAt(k) == '%') {
            k++;
        }
        while (k < end && !Ascii.isSpace(t.charAt(k))) {
            k++; // the loop variable (%%a, %a, %@), possibly empty
        }
        k = Ascii.skipSpaces(t, k);
        if (!Ascii.matchesAt(t, k, "in")) {
            return false;
        }
        k = Ascii.skipSpaces(t, k + 2);
        if (k >= end || t.charAt(k) != '(') {
            return false;
        }
        int close = indexOf(t, ')', k, end);
        if (close < 0) {
            return false;
        }
        int d = Ascii.skipSpaces(t, close + 1);
        return Ascii.matchesAt(t, d, "do") && (d + 2 >= t.length() || !Ascii.isWord(t.charAt(d + 2)));
    }

    /**
     * {@code IF [/I] [NOT] EXIST|ERRORLEVEL|CMDEXTVERSION}, {@code IF [NOT] DEFINED VAR}, or a batch
     * comparison: {@code a==b} written without spaces, a comparison word (EQU, NEQ, LSS, LEQ, GTR, GEQ),
     * or an operand holding a {@code %variable%}.
     */
    private static boolean condition(CharSequence t, int i) {
        int k = Ascii.skipSpaces(t, i);
        if (Ascii.matchesAt(t, k, "/i")) {
            k = Ascii.skipSpaces(t, k + 2);
        }
        if (Ascii.wordAt(t, k, "not")) {
            k = Ascii.skipSpaces(t, k + 3);
        }
        if (Ascii.wordAt(t, k, "exist") || Ascii.wordAt(t, k, "errorlevel") || Ascii.wordAt(t, k, "cmdextversion")) {
            return true;
        }
        if (Ascii.wordAt(t, k, "defined")) {
            int name = Ascii.skipSpaces(t, k + 7);
            int end = Ascii.wordEnd(t, name);
            return end > name && upperCase(t, name, end);
        }
        int end = Math.min(t.length(), k + 64);
        int operandEnd = k;
        while (operandEnd < end && !Ascii.isSpace(t.charAt(operandEnd))) {
            operandEnd++;
        }
        for (int j = k + 1; j + 2 < operandEnd; j++) {
            if (t.charAt(j) == '=' && t.charAt(j + 1) == '=' && t.charAt(j + 2) != '=') {
                return true; // red==red, (%1)==(x): batch compares strings glued to ==
            }
        }
        boolean variable = Ascii.indexOf(t, "%", k, operandEnd) >= 0;
        int op = Ascii.skipSpaces(t, operandEnd);
        if (Ascii.wordAt(t, op, "equ") || Ascii.wordAt(t, op, "neq") || Ascii.wordAt(t, op, "lss") || Ascii.wordAt(t, op, "leq")
                || Ascii.wordAt(t, op, "gtr") || Ascii.wordAt(t, op, "geq")) {
            return true;
        }
        if (op + 1 >= t.length() || t.charAt(op) != '=' || t.charAt(op + 1) != '=') {
            return false;
        }
        if (variable) {
            return true;
        }
        int right = Ascii.skipSpaces(t, op + 2);
        int rightEnd = right;
        while (rightEnd < t.length() && rightEnd < right + 64 && !Ascii.isSpace(t.charAt(rightEnd))) {
            rightEnd++;
        }
        int command = Ascii.skipSpaces(t, rightEnd);
        if (rightEnd == right || command >= t.length()) {
            return false;
        }
        char c = t.charAt(command);
        int commandEnd = Ascii.wordEnd(t, command);
        return c == '@' || c == '(' || CommandWords.classify(t.subSequence(command, commandEnd)) != CommandWords.NONE;
    }

    private static boolean upperCase(CharSequence t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLowerCase(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** End of a Verb-Noun word (letters and one or more hyphens) starting at {@code i}. */
    private static int cmdletEnd(CharSequence t, int i) {
        int k = i;
        int n = Math.min(t.length(), i + 40);
        while (k < n && (Ascii.isLetter(t.charAt(k)) || t.charAt(k) == '-')) {
            k++;
        }
        return k < t.length() && Ascii.isWord(t.charAt(k)) ? -1 : k;
    }

    private static int indexOf(CharSequence t, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (t.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
