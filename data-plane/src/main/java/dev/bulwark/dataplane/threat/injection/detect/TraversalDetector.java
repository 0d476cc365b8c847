package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Path traversal and local file inclusion, over the decoded value (so {@code %2e%2e%2f},
 * {@code %252e}, {@code %c0%ae} and {@code ..%5c} all arrive as dot-dot segments): a dot-dot path
 * segment, a path into a system directory, a credentials or configuration file by name, and, in
 * the request path, hidden files and backup/key/log files an API never serves.
 */
public final class TraversalDetector implements Detector {
    static final Rule TRAVERSAL = Rule.of("lfi-path-traversal", ThreatFamily.TRAVERSAL,
            "A dot-dot path segment (../, ..\\, ..;/, .../), however encoded.");
    static final Rule SYSTEM_PATH = Rule.of("lfi-system-path", ThreatFamily.TRAVERSAL,
            "An absolute path into a system directory (/etc/, /proc/, /sys/..., /var/log/, /root/, system32\\config).");
    static final Rule SENSITIVE_FILE = Rule.of("lfi-sensitive-file", ThreatFamily.TRAVERSAL,
            "A credentials, key, history or configuration file named as a path segment (id_rsa, .aws/credentials, "
                    + "wp-config.php, win.ini).");
    static final Rule HIDDEN_PATH = Rule.of("lfi-hidden-path", ThreatFamily.TRAVERSAL,
            "A request path reaching a hidden file or directory (/.env, /.git/config); /.well-known/ excepted.");
    static final Rule RESTRICTED_FILE = Rule.of("lfi-restricted-file", ThreatFamily.TRAVERSAL,
            "A request path ending in a backup, log, database dump or key file (.bak, .log, .sql, .pem, .swp).");

    private static final List<Rule> RULES = List.of(TRAVERSAL, SYSTEM_PATH, SENSITIVE_FILE, HIDDEN_PATH, RESTRICTED_FILE);
    private static final WordSet FILES = WordSet.resource(TraversalDetector.class, "sensitive-files.txt");
    private static final WordSet PROC = WordSet.of("self", "version", "cpuinfo", "meminfo", "net", "sys", "environ", "cmdline",
            "mounts", "kcore", "sched_debug", "thread-self", "stat", "status", "maps", "fd", "kallsyms", "modules", "config.gz");
    private static final WordSet SYS = WordSet.of("class", "kernel", "devices", "block", "bus", "firmware", "fs", "module",
            "power", "hypervisor");
    private static final WordSet RESTRICTED_EXTENSIONS = WordSet.of("log", "bak", "backup", "old", "orig", "save", "swp",
            "swo", "sql", "sqlite", "sqlite3", "mdb", "pem", "key", "p12", "pfx", "jks", "keystore", "kdbx", "htpasswd", "dump");

    /** Every rule needs a dot or a slash. */
    private static final Gate GATE = Gate.chars(Subject.DOT | Subject.SLASH | Subject.BACKSLASH);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.TRAVERSAL;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        if (!s.has(Subject.DOT | Subject.SLASH | Subject.BACKSLASH)) {
            return null;
        }
        CharSequence t = s.text();
        boolean path = s.kind() == InputKind.PATH;
        if (dotDot(t)) {
            return TRAVERSAL;
        }
        if (systemPath(t, path)) {
            return SYSTEM_PATH;
        }
        if (!referer(s) && sensitiveFile(t)) {
            return SENSITIVE_FILE;
        }
        if (path) {
            return requestPath(t);
        }
        return null;
    }

    /** A run of two or more dots (or textual {@code 0x2e}) bounded by separators on both sides. */
    static boolean dotDot(CharSequence t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            int dots = 0;
            int j = i;
            while (j < n) {
                int w = dotAt(t, j);
                if (w == 0) {
                    break;
                }
                dots++;
                j += w;
            }
            if (dots >= 2 && (i == 0 || boundaryBefore(t, i)) && (j == n && i > 0 && separatorAt(t, i - 1) > 0
                    || separatorAt(t, j) > 0 || j + 1 < n && t.charAt(j) == ';' && separatorAt(t, j + 1) > 0)) {
                return true;
            }
            i = Math.max(i, j - 1);
        }
        return false;
    }

    private static int dotAt(CharSequence t, int i) {
        return t.charAt(i) == '.' ? 1 : Ascii.matchesAt(t, i, "0x2e") ? 4 : 0;
    }

    private static int separatorAt(CharSequence t, int i) {
        if (i >= t.length()) {
            return 0;
        }
        char c = t.charAt(i);
        return c == '/' || c == '\\' ? 1 : Ascii.matchesAt(t, i, "0x2f") || Ascii.matchesAt(t, i, "0x5c") ? 4 : 0;
    }

    private static boolean boundaryBefore(CharSequence t, int i) {
        char c = t.charAt(i - 1);
        return !Ascii.isWord(c) && c != '.' || i >= 4 && separatorAt(t, i - 4) == 4;
    }

    private static boolean systemPath(CharSequence t, boolean requestPath) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if ((c == '\\' || c == '/') && (Ascii.matchesAt(t, i + 1, "system32\\config") || Ascii.matchesAt(t, i + 1, "system32/config")
                    || Ascii.matchesAt(t, i + 1, "system32\\drivers\\etc") || Ascii.matchesAt(t, i + 1, "windows\\repair")
                    || Ascii.matchesAt(t, i + 1, "windows/repair"))) {
                return true; // the SAM hive, the hosts file, repair copies of the registry
            }
            if (c != '/' || i > 0 && !requestPath && (Ascii.isWord(t.charAt(i - 1)) || t.charAt(i - 1) == '.')) {
                continue;
            }
            int k = i + 1;
            int end = Ascii.wordEnd(t, k);
            if (end >= n || t.charAt(end) != '/' || end + 1 >= n) {
                continue;
            }
            int next = end + 1;
            int nextEnd = segmentEnd(t, next);
            if (segment(t, k, end, "etc") && (Ascii.isWord(t.charAt(next)) || t.charAt(next) == '.')
                    || segment(t, k, end, "proc") && (PROC.contains(t, next, nextEnd) || digits(t, next, nextEnd))
                    || segment(t, k, end, "sys") && SYS.contains(t, next, nextEnd)
                    || segment(t, k, end, "root") && t.charAt(next) == '.'
                    || segment(t, k, end, "var") && (Ascii.matchesAt(t, next, "log/") || Ascii.matchesAt(t, next, "run/secrets"))) {
                return true;
            }
        }
        return false;
    }

    /** A sensitive file name as a whole path segment (or the whole value). */
    private static boolean sensitiveFile(CharSequence t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && !segmentBoundary(t.charAt(i - 1))) {
                continue;
            }
            int end = segmentEnd(t, i);
            boolean separated = i > 0 && (t.charAt(i - 1) == '/' || t.charAt(i - 1) == '\\')
                    || end < n && (t.charAt(end) == '/' || t.charAt(end) == '\\');
            if (end > i && (separated || distinctive(t, i, end)) && FILES.contains(t, i, end)) {
                return true;
            }
            i = Math.max(i, end - 1);
        }
        return false;
    }

    /**
     * The Referer is the URL of a page the browser showed, often on another site: a segment named like
     * a sensitive file there ({@code github.com/org/repo/blob/main/.htaccess}, a {@code /account/passwd}
     * page) is that site's route, not a file the upstream opens. Traversal and system paths still count.
     */
    private static boolean referer(Subject s) {
        return s.kind() == InputKind.HEADER && Ascii.matchesAt(s.name(), 0, "referer") && s.name().length() == 7;
    }

    /** A name no prose word looks like: it has a dot or an underscore. */
    private static boolean distinctive(CharSequence t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (t.charAt(i) == '.' || t.charAt(i) == '_') {
                return true;
            }
        }
        return false;
    }

    private static Rule requestPath(CharSequence t) {
        int n = t.length();
        int lastSegment = 0;
        for (int i = 0; i < n; i++) {
            if (t.charAt(i) != '/') {
                continue;
            }
            lastSegment = i + 1;
            if (i + 2 < n && t.charAt(i + 1) == '.' && (Ascii.isLetter(t.charAt(i + 2)) || t.charAt(i + 2) == '_')
                    && !Ascii.matchesAt(t, i + 1, ".well-known")) {
                return HIDDEN_PATH;
            }
        }
        int dot = -1;
        for (int i = lastSegment; i < n; i++) {
            if (t.charAt(i) == '.') {
                dot = i;
            }
        }
        return dot > lastSegment && RESTRICTED_EXTENSIONS.contains(t, dot + 1, n) ? RESTRICTED_FILE : null;
    }

    private static boolean segmentBoundary(char c) {
        return c == '/' || c == '\\' || c == '=' || c == ' ' || c == '"' || c == '\'' || c == ':' || c == ';' || c == '|'
                || c == '>' || c == '<' || c == '(' || c == '`';
    }

    private static int segmentEnd(CharSequence t, int i) {
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (!(Ascii.isWord(c) || c == '.' || c == '-')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean segment(CharSequence t, int from, int to, String lower) {
        return to - from == lower.length() && Ascii.matchesAt(t, from, lower);
    }

    private static boolean digits(CharSequence t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }
}
