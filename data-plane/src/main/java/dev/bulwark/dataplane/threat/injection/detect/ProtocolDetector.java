package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Protocol attacks carried in values: line breaks followed by an HTTP header or status line
 * (response splitting and header injection), any decoded line break in a header value, and line
 * breaks followed by mail-protocol commands (SMTP, IMAP, POP3 injection into a mail backend).
 */
public final class ProtocolDetector implements Detector {
    static final Rule HEADER_INJECTION = Rule.of("protocol-header-injection", ThreatFamily.PROTOCOL,
            "A line break followed by an HTTP header (Set-Cookie:, Location:, Content-Type:...) or a status line: "
                    + "response splitting.");
    static final Rule HEADER_LINE_BREAK = Rule.of("protocol-header-line-break", ThreatFamily.PROTOCOL,
            "A CR or LF in a header value once decoded: header injection into whatever the value is copied to.");
    static final Rule MAIL_COMMAND = Rule.of("protocol-mail-command", ThreatFamily.PROTOCOL,
            "A line break followed by an SMTP, IMAP or POP3 command: mail command injection.");

    private static final List<Rule> RULES = List.of(HEADER_INJECTION, HEADER_LINE_BREAK, MAIL_COMMAND);
    private static final WordSet HEADERS = WordSet.of("set-cookie", "location", "content-type", "content-length",
            "transfer-encoding", "refresh", "host", "connection", "cookie", "content-security-policy", "x-xss-protection",
            "link", "cache-control", "content-disposition", "authorization", "x-forwarded-for", "x-forwarded-host",
            "access-control-allow-origin", "access-control-allow-credentials", "strict-transport-security", "x-frame-options",
            "content-encoding", "upgrade", "expect");
    private static final WordSet IMAP = WordSet.of("login", "select", "examine", "fetch", "store", "copy", "uid", "search", "status",
            "list", "lsub", "append", "delete", "rename", "create", "logout", "capability", "authenticate", "expunge", "close",
            "noop", "check", "subscribe", "unsubscribe", "move", "idle", "namespace", "getquota", "setacl", "getacl");
    private static final WordSet POP3_WITH_ARGUMENT = WordSet.of("retr", "dele", "top", "apop", "uidl", "list", "user", "pass");
    private static final WordSet ALONE = WordSet.of("data", "quit", "rset", "stat", "noop", "starttls", "capa", "stls");

    /** Both rules need a line break. */
    private static final Gate GATE = Gate.chars(Subject.NEWLINE);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.PROTOCOL;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        if (!s.has(Subject.NEWLINE)) {
            return null;
        }
        if (s.kind() == InputKind.HEADER) {
            return HEADER_LINE_BREAK;
        }
        CharSequence t = s.text();
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c != '\n' && c != '\r') {
                continue;
            }
            int line = i + 1;
            while (line < n && (t.charAt(line) == '\n' || t.charAt(line) == '\r')) {
                line++;
            }
            i = line - 1;
            int lineEnd = line;
            while (lineEnd < n && t.charAt(lineEnd) != '\n' && t.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int name = Ascii.skipSpaces(t, line);
            int nameEnd = name;
            while (nameEnd < lineEnd && (Ascii.isLetter(t.charAt(nameEnd)) || t.charAt(nameEnd) == '-')) {
                nameEnd++;
            }
            if (nameEnd < lineEnd && t.charAt(nameEnd) == ':' && HEADERS.contains(t, name, nameEnd)
                    || Ascii.matchesAt(t, name, "http/1.") || Ascii.matchesAt(t, name, "http/2")) {
                return HEADER_INJECTION;
            }
            if (c == '\r' && mailCommand(t, line, lineEnd)) {
                return MAIL_COMMAND;
            }
            i = Math.max(i, lineEnd - 1);
        }
        return null;
    }

    /** The line {@code t[from, to)} (after a CR) is an SMTP, IMAP or POP3 command. */
    private static boolean mailCommand(CharSequence t, int from, int to) {
        if (Ascii.matchesAt(t, from, "mail from:") || Ascii.matchesAt(t, from, "rcpt to:")
                || Ascii.matchesAt(t, from, "helo ") || Ascii.matchesAt(t, from, "ehlo ")) {
            return true;
        }
        int first = Ascii.wordEnd(t, from);
        if (first == to && ALONE.contains(t, from, first)) {
            return true; // DATA, QUIT... alone on their line
        }
        int second = Ascii.skipSpaces(t, first);
        int secondEnd = Ascii.wordEnd(t, second);
        if (first < to && t.charAt(first) == ' ' && POP3_WITH_ARGUMENT.contains(t, from, first) && secondEnd > second
                && argumentsOnly(t, second, to)) {
            return true; // RETR 1, APOP user digest, LIST 3
        }
        boolean tag = first > from && hasDigit(t, from, first);
        return tag && second > first && IMAP.contains(t, second, secondEnd); // a001 LOGIN, A1 SELECT INBOX
    }

    private static boolean argumentsOnly(CharSequence t, int from, int to) {
        int words = 0;
        for (int i = from; i < to; ) {
            int end = Ascii.wordEnd(t, i);
            if (end == i) {
                return false;
            }
            words++;
            i = Ascii.skipSpaces(t, end);
        }
        return words <= 2;
    }

    private static boolean hasDigit(CharSequence t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Ascii.isDigit(t.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
