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

    static Rule match(Subject s) {
        CharSequence t = s.text();
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = Ascii.lower(t.charAt(i));
            if (i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                continue;
            }
            if (c == 'f' && Ascii.wordAt(t, i, "for") && forLoop(t, i + 3)) {
                return CommandDetector.WINDOWS_BATCH;
            }
            if (c == 'i' && Ascii.wordAt(t, i, "if") && condition(t, i + 2)) {
                return CommandDetector.WINDOWS_BATCH;
            }
            if (Ascii.isLetter(c)) {
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
        if (k >= end || Ascii.isSpace(t.charAt(k))) {
            return false;
        }
        while (k < end && !Ascii.isSpace(t.charAt(k))) {
            k++;
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

    /** {@code IF [/I] [NOT] EXIST|ERRORLEVEL|CMDEXTVERSION ...} or a batch comparison of a {@code %variable%}. */
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
        if (k >= t.length() || t.charAt(k) != '%' && t.charAt(k) != '"') {
            return false;
        }
        int end = Math.min(t.length(), k + WINDOW);
        for (int j = k; j < end; j++) {
            if (t.charAt(j) == '=' && j + 1 < end && t.charAt(j + 1) == '=') {
                return true;
            }
            if (j > k && Ascii.isSpace(t.charAt(j - 1)) && (Ascii.wordAt(t, j, "equ") || Ascii.wordAt(t, j, "neq")
                    || Ascii.wordAt(t, j, "lss") || Ascii.wordAt(t, j, "leq") || Ascii.wordAt(t, j, "gtr") || Ascii.wordAt(t, j, "geq"))) {
                return true;
            }
        }
        return false;
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
