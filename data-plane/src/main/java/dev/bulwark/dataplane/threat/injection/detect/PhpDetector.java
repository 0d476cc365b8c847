package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * PHP code injection: PHP open tags (and the template-engine tags that embed PHP), stream
 * wrappers that turn an include into code execution, superglobals, calls of dangerous functions
 * (also through variables and strings, the usual evasions), serialised objects (object injection),
 * configuration directives, and uploads of files the server would execute as PHP.
 */
public final class PhpDetector implements Detector {
    static final Rule OPEN_TAG = Rule.of("php-open-tag", ThreatFamily.PHP,
            "A PHP open tag followed by code (<?php, <?=, <? code, [php], {php}).");
    static final Rule WRAPPER = Rule.of("php-wrapper", ThreatFamily.PHP,
            "A PHP stream wrapper that reads input, archives or runs commands (php://, phar://, zip://, expect://, "
                    + "compress.zlib://, glob://, ssh2.*://), or a data: URL carrying PHP code.");
    static final Rule SUPERGLOBAL = Rule.of("php-superglobal", ThreatFamily.PHP,
            "A PHP superglobal ($_GET, $_POST, $_SERVER, $GLOBALS...): injected code reading its input.");
    static final Rule FUNCTION_CALL = Rule.of("php-function-call", ThreatFamily.PHP,
            "A call of a PHP function that runs code or commands, touches files or sockets, or decodes hidden payloads.");
    static final Rule EXTENSION_CALL = Rule.of("php-extension-call", ThreatFamily.PHP,
            "A call of a function named the way PHP names its extensions' functions: the extension's prefix and at least "
                    + "two more words (pg_send_query(, sodium_crypto_box_keypair(, odbc_exec_direct(...), whatever the function.");
    static final Rule VARIABLE_CALL = Rule.of("php-variable-call", ThreatFamily.PHP,
            "A function called through a variable or a string ($f(...), ${'a'}(...), (\"sys\".\"tem\")(...)), the usual "
                    + "way around function-name filters.");
    static final Rule SERIALIZED_OBJECT = Rule.of("php-serialized-object", ThreatFamily.PHP,
            "A PHP serialised object or array (O:8:\"stdClass\":1:{...}): object injection through unserialize().");
    static final Rule CONFIG_DIRECTIVE = Rule.of("php-config-directive", ThreatFamily.PHP,
            "A php.ini directive assignment (allow_url_include=1, auto_prepend_file=...), as injected through php-cgi -d or "
                    + ".user.ini.");
    static final Rule SCRIPT_UPLOAD = Rule.of("php-script-upload", ThreatFamily.PHP,
            "An uploaded file with an extension the server executes as PHP (.php, .phtml, .phar, .php5...), or a PHP "
                    + "session file name.");

    private static final List<Rule> RULES = List.of(OPEN_TAG, WRAPPER, SUPERGLOBAL, FUNCTION_CALL, EXTENSION_CALL,
            VARIABLE_CALL, SERIALIZED_OBJECT, CONFIG_DIRECTIVE, SCRIPT_UPLOAD);
    static final WordSet FUNCTIONS = WordSet.resource(PhpDetector.class, "php-functions.txt");
    static final WordSet COMMON_FUNCTIONS = WordSet.resource(PhpDetector.class, "php-functions-common.txt");
    private static final WordSet DIRECTIVES = WordSet.resource(PhpDetector.class, "php-directives.txt");
    private static final WordSet DIRECTIVE_PREFIXES = WordSet.of("opcache", "mbstring", "session", "zend", "pcre", "xdebug",
            "phar", "assert", "mysqli", "mysqlnd", "pdo_mysql", "apc", "apcu", "cgi", "url_rewriter", "user_ini",
            "realpath_cache", "zlib", "iconv", "intl", "soap", "sqlite3", "openssl", "curl", "mail", "highlight", "tidy", "oci8",
            "odbc", "pgsql", "ldap", "uopz", "ffi", "filter", "exif");
    /** Function-name prefixes of PHP's bundled and common PECL extensions (the manual's per-extension function lists). */
    static final WordSet EXTENSION_PREFIXES = WordSet.of("apcu", "bzip2", "cubrid", "curl", "dba", "eio", "enchant", "exif",
            "fbsql", "finfo", "ftp", "gmp", "gnupg", "ibase", "iconv", "idn", "igbinary", "imap", "inotify", "intl", "ldap",
            "libxml", "mb", "mcrypt", "memcache", "msg", "mssql", "mysql", "mysqli", "oci", "odbc", "opcache", "openssl",
            "pcntl", "pg", "posix", "proc", "pspell", "readline", "sem", "shm", "shmop", "snmp", "socket", "sodium", "sqlite",
            "sqlsrv", "ssh2", "stream", "svn", "sybase", "tidy", "uopz", "xmlrpc", "xmlwriter", "yaml", "zend", "zip", "zlib");
    private static final WordSet SUPERGLOBALS = WordSet.of("_get", "_post", "_request", "_cookie", "_server", "_files", "_env",
            "_session", "globals", "http_raw_post_data", "http_get_vars", "http_post_vars", "http_server_vars", "http_cookie_vars");
    private static final WordSet WRAPPERS = WordSet.of("php", "phar", "zip", "expect", "glob", "zlib", "compress.zlib",
            "compress.bzip2", "rar", "ogg", "ssh2.shell", "ssh2.exec", "ssh2.tunnel", "ssh2.sftp", "ssh2.scp");
    private static final WordSet SCRIPT_EXTENSIONS = WordSet.of("php", "php3", "php4", "php5", "php6", "php7", "php8", "phtml",
            "pht", "phar", "phps", "phpt", "pgif", "inc");

    /** Every rule but the upload one (read by kind) needs one of these characters (see {@link #match}). */
    private static final Gate GATE = Gate.chars(Subject.LT | Subject.LBRACKET | Subject.LBRACE | Subject.COLON | Subject.DOLLAR | Subject.LPAREN
            | Subject.EQUALS).kinds(InputKind.FILENAME);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.PHP;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        if (s.kind() == InputKind.FILENAME && (scriptUpload(t, s.strict()) || sessionFile(t))) {
            return SCRIPT_UPLOAD;
        }
        if ((s.has(Subject.LT) && s.has(Subject.QUESTION) || s.has(Subject.LBRACKET | Subject.LBRACE)) && PhpCode.openTag(t)) {
            return OPEN_TAG;
        }
        if (s.has(Subject.COLON) && wrapper(s, t)) {
            return WRAPPER;
        }
        if (s.has(Subject.DOLLAR) && superglobal(t)) {
            return SUPERGLOBAL;
        }
        if (s.has(Subject.LPAREN)) {
            Rule call = PhpCode.calls(t, s.has(Subject.QUESTION) ? PhpCode.afterProcessingInstruction(t) : 0, s.view);
            if (call != null) {
                return call;
            }
        }
        if (s.has(Subject.DOLLAR) && PhpCode.variableVariable(t)) {
            return VARIABLE_CALL;
        }
        if (s.has(Subject.COLON) && s.has(Subject.LBRACE) && serialized(t)) {
            return SERIALIZED_OBJECT;
        }
        if (s.has(Subject.EQUALS) && directive(t)) {
            return CONFIG_DIRECTIVE;
        }
        return null;
    }

    /**
     * Stream wrappers, and {@code data:} URLs carrying PHP. The plain (not base64) contents of
     * {@code data:} URLs whose windows overlap are judged once, as the union of their windows: each
     * window reaches {@link DataUrls#MAX_CONTENT} characters on, so judging each on its own read a value
     * of repeated {@code data:text/plain,} about 270 times per character; now each character is read a
     * bounded number of times.
     */
    private static boolean wrapper(Subject s, CharSequence t) {
        int n = t.length();
        int pendingFrom = -1;
        int pendingTo = -1;
        for (int i = 0; i + 2 < n; i++) {
            if (t.charAt(i) != ':') {
                continue;
            }
            int start = i;
            while (start > 0 && i - start < 16 && (Ascii.isWord(t.charAt(start - 1)) || t.charAt(start - 1) == '.')) {
                start--;
            }
            boolean slashes = t.charAt(i + 1) == '/' && t.charAt(i + 2) == '/';
            if (slashes && WRAPPERS.contains(t, start, i) || Ascii.matchesAt(t, start, "zlib:") && start + 4 == i) {
                return true;
            }
            if (i - start != 4 || !Ascii.matchesAt(t, start, "data")) {
                continue;
            }
            long content = DataUrls.plainContent(t, i + 1);
            if (content == DataUrls.BASE64) {
                if (DataUrls.carriesCode(s, t, i + 1)) {
                    return true;
                }
            } else if (content >= 0) {
                int from = (int) (content >>> 32);
                int to = (int) content;
                if (pendingFrom >= 0 && from <= pendingTo) {
                    pendingTo = Math.max(pendingTo, to);
                    continue;
                }
                if (pendingFrom >= 0 && DataUrls.carriesCode(s, t, pendingFrom, pendingTo)) {
                    return true;
                }
                pendingFrom = from;
                pendingTo = to;
            }
        }
        return pendingFrom >= 0 && DataUrls.carriesCode(s, t, pendingFrom, pendingTo);
    }

    private static boolean superglobal(CharSequence t) {
        for (int i = 0, n = t.length(); i + 1 < n; i++) {
            if (t.charAt(i) == '$') {
                int end = Ascii.wordEnd(t, i + 1);
                if (SUPERGLOBALS.contains(t, i + 1, end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code O:8:"stdClass":1:{}, {@code C:...}, or {@code a:2:{i:0;...}}: PHP's serialize() format. */
    static boolean serialized(CharSequence t) {
        int n = t.length();
        for (int i = 0; i + 3 < n; i++) {
            char c = Ascii.lower(t.charAt(i));
            if (t.charAt(i + 1) != ':' || i > 0 && Ascii.isWord(t.charAt(i - 1))) {
                continue;
            }
            int k = digits(t, i + 2);
            if (k == i + 2 || k >= n || t.charAt(k) != ':') {
                continue;
            }
            if ((c == 'o' || c == 'c') && k + 1 < n && t.charAt(k + 1) == '"') {
                int close = k + 2;
                while (close < n && close < k + 200 && t.charAt(close) != '"') {
                    close++;
                }
                if (close + 1 < n && t.charAt(close + 1) == ':') {
                    int m = digits(t, close + 2);
                    if (m > close + 2 && m + 1 < n && t.charAt(m) == ':' && t.charAt(m + 1) == '{') {
                        return true;
                    }
                }
            } else if (c == 'a' && k + 1 < n && t.charAt(k + 1) == '{') {
                int inner = k + 2;
                if (inner + 1 < n && (Ascii.lower(t.charAt(inner)) == 'i' || Ascii.lower(t.charAt(inner)) == 's')
                        && t.charAt(inner + 1) == ':') {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code name = value} at the start of a line or of the value, where name is a php.ini directive. */
    private static boolean directive(CharSequence t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && !(Ascii.isSpace(t.charAt(i - 1)) || t.charAt(i - 1) == ';' || t.charAt(i - 1) == '-')) {
                continue;
            }
            int end = i;
            int dot = -1;
            while (end < n && (Ascii.isWord(t.charAt(end)) || t.charAt(end) == '.')) {
                if (t.charAt(end) == '.' && dot < 0) {
                    dot = end;
                }
                end++;
            }
            int eq = Ascii.skipSpaces(t, end);
            if (end > i && eq < n && t.charAt(eq) == '=' && (DIRECTIVES.contains(t, i, end)
                    || dot > i && dot + 1 < end && DIRECTIVE_PREFIXES.contains(t, i, dot))) {
                return true;
            }
            i = Math.max(i, end);
        }
        return false;
    }

    private static boolean scriptUpload(CharSequence name, boolean anyComponent) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || Ascii.isSpace(name.charAt(end - 1)))) {
            end--;
        }
        for (int i = end - 1; i >= 0 && name.charAt(i) != '/' && name.charAt(i) != '\\'; i--) {
            if (name.charAt(i) == '.') {
                int ext = Ascii.skipSpaces(name, i + 1);
                int extEnd = ext;
                while (extEnd < end && Ascii.isWord(name.charAt(extEnd))) {
                    extEnd++;
                }
                boolean last = Ascii.skipSpaces(name, extEnd) >= end;
                if (SCRIPT_EXTENSIONS.contains(name, ext, extEnd) && (last || anyComponent)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** PHP's session files are {@code sess_} and the session id (20+ characters): uploading or including one plants code. */
    private static boolean sessionFile(CharSequence name) {
        int base = name.length();
        while (base > 0 && name.charAt(base - 1) != '/' && name.charAt(base - 1) != '\\') {
            base--;
        }
        if (!Ascii.matchesAt(name, base, "sess_")) {
            return false;
        }
        int end = base + 5;
        while (end < name.length() && (Ascii.isLetter(name.charAt(end)) || Ascii.isDigit(name.charAt(end)) || name.charAt(end) == ','
                || name.charAt(end) == '-')) {
            end++;
        }
        return end == name.length() && end - base - 5 >= 20;
    }

    private static int digits(CharSequence t, int i) {
        while (i < t.length() && Ascii.isDigit(t.charAt(i))) {
            i++;
        }
        return i;
    }
}
