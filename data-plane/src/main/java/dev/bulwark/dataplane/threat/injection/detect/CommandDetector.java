package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.contracts.policy.ThreatSensitivity;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * OS command injection: a value that a shell would run as a command. The shell grammar (words,
 * separators, substitutions, quoting tricks) is read by {@link ShellScanner}, cmd.exe and PowerShell
 * forms by {@link WindowsShell}; this class adds the shell constructs that are attacks by their mere
 * syntax (reverse-shell device files, {@code $IFS} as a space, Shellshock function definitions,
 * glob-spelled system paths) and server-configuration uploads.
 */
public final class CommandDetector implements Detector {
    static final Rule CHAINED_COMMAND = Rule.of("cmd-chained-command", ThreatFamily.COMMAND,
            "A program run after a command separator (; | & && || newline).");
    static final Rule SUBSTITUTION = Rule.of("cmd-substitution", ThreatFamily.COMMAND,
            "A program run inside a command substitution: $(...), backticks, <(...).");
    static final Rule COMMAND_LINE = Rule.of("cmd-command-line", ThreatFamily.COMMAND,
            "A value that is a command line: a program with arguments, a wrapper (nohup, sudo, time) and a program, or a "
                    + "reconnaissance tool's name.");
    static final Rule OBFUSCATED_COMMAND = Rule.of("cmd-obfuscated-command", ThreatFamily.COMMAND,
            "A program name split by quotes, backslashes, carets or empty expansions (w'h'o'am'i, c\\at, cu$@rl).");
    static final Rule INTERPRETER_EXEC = Rule.of("cmd-interpreter-exec", ThreatFamily.COMMAND,
            "An interpreter told to run code from its arguments (sh -c, perl -e, python -c, php -r, cmd /c, nc -e).");
    static final Rule WINDOWS_BATCH = Rule.of("cmd-windows-batch", ThreatFamily.COMMAND,
            "cmd.exe control syntax: FOR %v IN (...) DO, IF [NOT] EXIST, batch comparisons.");
    static final Rule POWERSHELL = Rule.of("cmd-powershell", ThreatFamily.COMMAND,
            "A PowerShell cmdlet or .NET method that downloads, decodes or runs code.");
    static final Rule REVERSE_SHELL = Rule.of("cmd-reverse-shell", ThreatFamily.COMMAND,
            "Bash's network pseudo-devices (/dev/tcp/, /dev/udp/), used for reverse shells.");
    static final Rule IFS_EVASION = Rule.of("cmd-ifs-evasion", ThreatFamily.COMMAND,
            "$IFS or ${IFS} used as a space to slip a command past space filters.");
    static final Rule SHELLSHOCK = Rule.of("cmd-shellshock", ThreatFamily.COMMAND,
            "A bash function definition where a value is expected (Shellshock, CVE-2014-6271), or a fork bomb.");
    static final Rule GLOB_PATH = Rule.of("cmd-glob-path", ThreatFamily.COMMAND,
            "A system path spelled with glob patterns (/???/??t, /bi[n]/sh, /et*/pas?wd) to evade path filters.");
    static final Rule SHELL_EXPANSION = Rule.of("cmd-shell-expansion", ThreatFamily.COMMAND,
            "Shell history or directory-stack expansion as a whole word (!-1, ~+, ~-).");
    static final Rule PARAMETER_EXPANSION = Rule.of("cmd-parameter-expansion", ThreatFamily.COMMAND,
            "A shell parameter expansion with an operator (${x#...}, ${x:0:1}, ${!x}, ${x//a/b}): builds strings to evade "
                    + "filters.");
    static final Rule SQLITE_DOT_COMMAND = Rule.of("cmd-sqlite-dot-command", ThreatFamily.COMMAND,
            "A SQLite shell dot-command (.system, .shell, .import, .load) at the start of a line or after a separator.");
    static final Rule CONFIG_UPLOAD = Rule.of("cmd-config-upload", ThreatFamily.COMMAND,
            "An uploaded file named like a server configuration that makes the server run code (.htaccess, web.config, "
                    + ".user.ini).");

    static final Rule VARIABLE_COMMAND = Rule.of("cmd-variable-command", ThreatFamily.COMMAND,
            "A shell variable assigned and then run as the command (a=nc&&$a -l, c1=c;c2=at;$c1$c2 /etc/passwd): the "
                    + "program name never appears as a word.");
    private static final List<Rule> RULES = List.of(CHAINED_COMMAND, SUBSTITUTION, COMMAND_LINE, OBFUSCATED_COMMAND,
            INTERPRETER_EXEC, WINDOWS_BATCH, POWERSHELL, REVERSE_SHELL, IFS_EVASION, SHELLSHOCK, GLOB_PATH, SHELL_EXPANSION,
            PARAMETER_EXPANSION, SQLITE_DOT_COMMAND, CONFIG_UPLOAD, VARIABLE_COMMAND);
    private static final WordSet SQLITE_COMMANDS = WordSet.of("system", "shell", "import", "load", "output", "once", "databases",
            "tables", "dump", "read", "open", "cd", "save", "backup", "restore");

    /** Characters without which the shell grammar has nothing to read but words. */
    private static final long SHELL_SYNTAX = Subject.SEMI | Subject.PIPE | Subject.AMP | Subject.BACKTICK | Subject.DOLLAR
            | Subject.LPAREN | Subject.RPAREN | Subject.LBRACE | Subject.RBRACE | Subject.LT | Subject.GT | Subject.NEWLINE
            | Subject.QUOTE | Subject.DQUOTE | Subject.BACKSLASH | Subject.CARET | Subject.COMMA | Subject.CONTROL;

    /**
     * Most rules need a program name (any vocabulary, versioned too, or a cmdlet) standing in the value
     * as a word, or one of the characters that hide it from being one: quotes, backslash, caret,
     * {@code $}, backticks, {@code <()} (w'h'o'am'i, c\at, cu$@rl, ping``). Separators and redirects
     * only decide where a program stands. The rest: {@code /dev/tcp/}, expansions ({@code !- ~ $}),
     * glob paths, function definitions, cmd.exe's {@code if} and FOR loops, SQLite dot-commands;
     * uploads are read by kind.
     */
    private static final Gate GATE = Gate.chars(Subject.QUOTE | Subject.DQUOTE | Subject.BACKSLASH | Subject.CARET
                    | Subject.DOLLAR | Subject.BACKTICK | Subject.TILDE)
            .both(Subject.BANG, Subject.MINUS)                                          // !-1
            .both(Subject.LT, Subject.LPAREN)                                           // <(cmd), pi<()ng
            .both(Subject.QUESTION | Subject.STAR | Subject.LBRACKET, Subject.SLASH)    // glob paths
            .both(Subject.LPAREN, Subject.LBRACE)                                       // Shellshock, fork bombs
            .both(Subject.PERCENT, Subject.LPAREN)                                      // FOR %v IN (...) DO
            .both(Subject.DOT, Subject.NEWLINE | Subject.SEMI)                          // a dot-command after a separator
            .words(CommandWords.UNIX.words()).words(CommandWords.COMMON.words())
            .words(CommandWords.WRAPPERS.words()).words(CommandWords.WINDOWS.words()).words(CommandWords.INTERPRETERS.words())
            .words(CommandWords.RECON.words()).words("if", "tcp", "udp").words(WindowsShell.cmdlets())
            .flags(Gate.DOT_LED).kinds(InputKind.FILENAME);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.COMMAND;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    /** Per thread: the value with its literal '+' read as spaces (see {@link #match}). */
    private static final ThreadLocal<Subject> PLUS_AS_SPACE = ThreadLocal.withInitial(Subject::new);

    /**
     * Reads the value as received and, when a URL-encoded value (query, form, cookie) holds a literal '+'
     * after decoding, once more with each '+' as a space:
     * an application that decodes its input a second time (PHP's urldecode, a second URLDecoder pass)
     * turns {@code cat%2B/etc/passwd} into a command line, as the engine's double percent-decoding
     * already assumes for {@code %2520}.
     */
    @Override
    public Rule match(Subject s) {
        Rule rule = matchAsIs(s);
        if (rule != null || !s.has(Subject.PLUS) || s.kind().isName() || !s.kind().formEncoded()) {
            return rule;
        }
        StringBuilder spaced = s.view2;
        spaced.setLength(0);
        CharSequence t = s.text();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            spaced.append(c == '+' ? ' ' : c);
        }
        Subject again = PLUS_AS_SPACE.get().set(spaced, s.kind(), s.name(),
                s.strict() ? ThreatSensitivity.STRICT : ThreatSensitivity.DEFAULT);
        again.sameSiteReferer(s.sameSiteReferer());
        return matchAsIs(again);
    }

    private Rule matchAsIs(Subject s) {
        if (s.kind() == InputKind.FILENAME && configUpload(s.text())) {
            return CONFIG_UPLOAD;
        }
        CharSequence t = s.text();
        if (s.has(Subject.SLASH) && (Ascii.contains(t, "/dev/tcp/") || Ascii.contains(t, "/dev/udp/"))) {
            return REVERSE_SHELL;
        }
        if (s.has(Subject.DOLLAR) && ifs(t)) {
            return IFS_EVASION;
        }
        if (s.hasAll(Subject.LPAREN | Subject.RPAREN | Subject.LBRACE) && functionDefinition(t)) {
            return SHELLSHOCK;
        }
        if (s.has(Subject.QUESTION | Subject.STAR | Subject.LBRACKET) && s.has(Subject.SLASH) && GlobPaths.find(t)) {
            return GLOB_PATH;
        }
        if (s.has(Subject.BANG | Subject.TILDE) && expansion(t)) {
            return SHELL_EXPANSION;
        }
        if (s.hasAll(Subject.DOLLAR | Subject.LBRACE) && parameterExpansion(t)) {
            return PARAMETER_EXPANSION;
        }
        if (s.has(Subject.DOT) && (s.has(Subject.NEWLINE | Subject.SEMI | Subject.BACKSLASH)
                || t.length() > 0 && t.charAt(Ascii.skipSpaces(t, 0) < t.length() ? Ascii.skipSpaces(t, 0) : 0) == '.') && sqliteDotCommand(t)) {
            return SQLITE_DOT_COMMAND;
        }
        if (s.hasAll(Subject.EQUALS | Subject.DOLLAR) && s.has(Subject.SEMI | Subject.AMP | Subject.PIPE | Subject.NEWLINE)
                && ShellVariables.commandFromVariable(t)) {
            return VARIABLE_COMMAND;
        }
        Rule rule = WindowsShell.match(s);
        if (rule != null) {
            return rule;
        }
        if (!s.has(SHELL_SYNTAX) && !ShellWords.startsWithProgram(t)) {
            // no separator, substitution, redirect, quote or escape, and no program first: only "interpreter -flag" is left
            return s.has(Subject.MINUS | Subject.SLASH) && ShellWords.interpreterFlag(t) ? INTERPRETER_EXEC : null;
        }
        return ShellScanner.scan(s);
    }

    private static boolean ifs(CharSequence t) {
        for (int i = Ascii.indexOf(t, "$", 0); i >= 0; i = Ascii.indexOf(t, "$", i + 1)) {
            if (ShellScanner.ifs(t, i) > 0 && (t.charAt(i + 1) == '{' || i + 4 >= t.length() || !Ascii.isWord(t.charAt(i + 4)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code () {} at the start of a value (how Shellshock payloads arrive in headers), or a named
     * function whose body pipes or backgrounds itself ({@code :(){ :|:& };:}).
     */
    static boolean functionDefinition(CharSequence t) {
        int start = Ascii.skipSpaces(t, 0);
        if (emptyParens(t, start) > 0) {
            int brace = Ascii.skipSpaces(t, emptyParens(t, start));
            return brace < t.length() && t.charAt(brace) == '{';
        }
        for (int i = t.length() - 2; i > 0; i--) {
            if (t.charAt(i) == '(' && t.charAt(i + 1) == ')') {
                int brace = Ascii.skipSpaces(t, i + 2);
                if (brace < t.length() && t.charAt(brace) == '{' && namedHere(t, i) && bodyForks(t, brace)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int emptyParens(CharSequence t, int i) {
        if (i < t.length() && t.charAt(i) == '(') {
            int k = Ascii.skipSpaces(t, i + 1);
            return k < t.length() && t.charAt(k) == ')' ? k + 1 : 0;
        }
        return 0;
    }

    /** The name before {@code (} at {@code paren}: a word or {@code :}, not JavaScript's {@code function}. */
    private static boolean namedHere(CharSequence t, int paren) {
        int k = paren;
        while (k > 0 && paren - k < 32 && (Ascii.isWord(t.charAt(k - 1)) || t.charAt(k - 1) == ':')) {
            k--;
        }
        return k < paren && !Ascii.matchesAt(t, k, "function");
    }

    private static boolean bodyForks(CharSequence t, int brace) {
        for (int k = brace + 1, end = Math.min(t.length(), brace + 64); k < end && t.charAt(k) != '}'; k++) {
            if (t.charAt(k) == '|' || t.charAt(k) == '&') {
                return true;
            }
        }
        return false;
    }

    /** {@code !-1} (history) or {@code ~+}, {@code ~-} (directory stack) standing as a word. */
    private static boolean expansion(CharSequence t) {
        int n = t.length();
        for (int i = 0; i + 1 < n; i++) {
            char c = t.charAt(i);
            boolean wordStart = i == 0 || Ascii.isSpace(t.charAt(i - 1)) || t.charAt(i - 1) == ';';
            if (!wordStart) {
                continue;
            }
            char next = t.charAt(i + 1);
            if (c == '!' && next == '-' && i + 2 < n && Ascii.isDigit(t.charAt(i + 2))) {
                return true;
            }
            if (c == '~' && (next == '+' || next == '-') && (i + 2 == n || Ascii.isSpace(t.charAt(i + 2)) || t.charAt(i + 2) == '/')) {
                return true;
            }
            if (c == '~' && directoryStackEntry(t, i + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code ~N}, {@code ~+N}, {@code ~-N}: the N-th entry of bash's directory stack, followed by a
     * path or making up the whole value; before a space it is prose's "about N" ({@code ~5 minutes}).
     */
    private static boolean directoryStackEntry(CharSequence t, int from) {
        int n = t.length();
        int k = from < n && (t.charAt(from) == '+' || t.charAt(from) == '-') ? from + 1 : from;
        int digits = k;
        while (digits < n && digits - k < 3 && Ascii.isDigit(t.charAt(digits))) {
            digits++;
        }
        return digits > k && (digits == n && Ascii.skipSpaces(t, 0) == from - 1 || digits < n && t.charAt(digits) == '/');
    }

    /** <code>${name</code> followed by an expansion operator (<code>#</code>, <code>%</code>, <code>/</code>, <code>:</code>, <code>^</code>, <code>,</code>), or <code>${!name}</code>, <code>${#name}</code>. */
    private static boolean parameterExpansion(CharSequence t) {
        int n = t.length();
        for (int i = 0; i + 3 < n; i++) {
            if (t.charAt(i) != '$' || t.charAt(i + 1) != '{') {
                continue;
            }
            int k = i + 2;
            boolean indirect = t.charAt(k) == '!' || t.charAt(k) == '#';
            if (indirect) {
                k++;
            }
            int end = Ascii.wordEnd(t, k);
            if (end == k || end >= n) {
                continue;
            }
            char op = t.charAt(end);
            if (indirect && op == '}' || op == '#' || op == '%' || op == '/' || op == '^' || op == ','
                    || op == ':' && end + 1 < n && (Ascii.isDigit(t.charAt(end + 1)) || t.charAt(end + 1) == '$')) {
                return true;
            }
        }
        return false;
    }

    /** {@code .system}, {@code .shell}, ...: the sqlite3 shell's commands, at the start of a line or after a separator. */
    private static boolean sqliteDotCommand(CharSequence t) {
        int n = t.length();
        for (int i = 0; i + 1 < n; i++) {
            if (t.charAt(i) != '.' || !Ascii.isLetter(t.charAt(i + 1))) {
                continue;
            }
            int before = i - 1;
            while (before >= 0 && i - before < 8 && (t.charAt(before) == ' ' || t.charAt(before) == '\\')) {
                before--;
            }
            boolean lineStart = before < 0 || t.charAt(before) == '\n' || t.charAt(before) == ';' || t.charAt(before) == '\r'
                    || before > 0 && t.charAt(before) == 'n' && t.charAt(before - 1) == '\\';
            int end = Ascii.wordEnd(t, i + 1);
            if (lineStart && SQLITE_COMMANDS.contains(t, i + 1, end) && (end == n || Ascii.isSpace(t.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean configUpload(CharSequence name) {
        int base = name.length();
        while (base > 0 && name.charAt(base - 1) != '/' && name.charAt(base - 1) != '\\') {
            base--;
        }
        int end = name.length();
        while (end > base && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return equals(name, base, end, ".htaccess") || equals(name, base, end, ".htpasswd") || equals(name, base, end, "web.config")
                || equals(name, base, end, ".user.ini") || equals(name, base, end, "php.ini") || equals(name, base, end, ".htdigest");
    }

    private static boolean equals(CharSequence s, int from, int to, String lower) {
        return to - from == lower.length() && Ascii.matchesAt(s, from, lower);
    }
}
