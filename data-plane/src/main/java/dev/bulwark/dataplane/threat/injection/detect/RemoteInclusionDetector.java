package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.contracts.policy.ThreatFamily;
import dev.bulwark.dataplane.threat.injection.input.InputKind;
import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;
import java.util.List;

/**
 * Remote file inclusion and server-side request forgery: URLs a server would fetch that lead
 * inside its network (loopback, private and link-local addresses, cloud metadata, cluster names) or
 * to raw IP addresses, URL schemes that reach files or other protocols (file, gopher, dict, ldap,
 * jar), URLs ending in {@code ?} to cut off a suffix the application appends, and XML external
 * entities (XXE), which make an XML parser fetch a URL or read a file.
 */
public final class RemoteInclusionDetector implements Detector {
    static final Rule INTERNAL_HOST = Rule.of("ssrf-internal-host", ThreatFamily.REMOTE_INCLUSION,
            "A URL (or a bare host) pointing inside the network: loopback, private or link-local addresses, cloud metadata "
                    + "endpoints, localhost, *.internal, cluster-local names.");
    static final Rule OBFUSCATED_IP = Rule.of("ssrf-obfuscated-ip", ThreatFamily.REMOTE_INCLUSION,
            "A URL whose host is an IP address in decimal, octal, hexadecimal, short or IPv6 form: written so to slip past "
                    + "address filters.");
    static final Rule IP_HOST = Rule.of("rfi-ip-host", ThreatFamily.REMOTE_INCLUSION,
            "A URL whose host is a raw IPv4 address: how included payloads are usually served.");
    static final Rule SCHEME = Rule.of("ssrf-dangerous-scheme", ThreatFamily.REMOTE_INCLUSION,
            "A URL scheme that reads files or speaks another protocol through the server's URL fetcher (file, gopher, dict, "
                    + "ldap, jar, netdoc, tftp).");
    static final Rule TRAILING_QUERY = Rule.of("rfi-trailing-query", ThreatFamily.REMOTE_INCLUSION,
            "A URL value ending in '?', which turns whatever the application appends into a query string.");
    static final Rule INCLUDE_PARAMETER = Rule.of("rfi-include-parameter", ThreatFamily.REMOTE_INCLUSION,
            "A remote URL in a parameter named like a path, directory, template or include.");
    static final Rule XXE = Rule.of("xxe-external-entity", ThreatFamily.REMOTE_INCLUSION,
            "An XML entity declaration (<!ENTITY, SYSTEM/PUBLIC identifiers) or XInclude: makes an XML parser read files or "
                    + "fetch URLs.");
    static final Rule URL = Rule.strict("rfi-remote-url", ThreatFamily.REMOTE_INCLUSION,
            "Strict: any absolute http(s) or ftp URL in a value.");

    static final Rule DATA_URI = Rule.of("rfi-data-uri", ThreatFamily.REMOTE_INCLUSION,
            "A value that is a data: URI of a text or application type: where the server reads a URL (an include, a "
                    + "fetcher, a template loader) it takes content written inline by the sender. Images, audio, video and "
                    + "fonts, which applications accept inline, are left alone.");
    private static final List<Rule> RULES = List.of(INTERNAL_HOST, OBFUSCATED_IP, IP_HOST, SCHEME, TRAILING_QUERY, INCLUDE_PARAMETER,
            XXE, DATA_URI, URL);
    private static final WordSet INLINE_MEDIA = WordSet.of("image", "audio", "video", "font");
    private static final WordSet DANGEROUS_SCHEMES = WordSet.of("file", "gopher", "dict", "ldap", "ldaps", "ldapi", "jar",
            "netdoc", "tftp", "local_file", "sftp", "smb", "nfs", "telnet", "rmi", "iiop", "corba", "jdbc");
    private static final WordSet FETCH_SCHEMES = WordSet.of("http", "https", "ftp", "ftps", "ws", "wss", "ssh", "imap", "pop3",
            "smtp", "irc", "git", "svn", "redis", "mongodb", "mysql", "postgres", "postgresql", "memcached", "url");
    private static final String[] INCLUDE_NAMES = {"path", "include", "inc", "require", "template", "dir", "root", "conf",
        "module", "plugin", "theme"};

    /**
     * Every URL rule reads a scheme of its lists written right before {@code :} (or {@code /} and
     * {@code ?} for a truncated one: {@code http?}); an internal host as the whole value is a word of
     * its name or suffix; an entity declaration ({@code !entity}) and XInclude a word starting with
     * {@code entity}, {@code include} or {@code xinclude}; DOCTYPEs are read by kind. So an ordinary URL
     * still reaches the family (its host is what it judges) but dates, e-mails, decimals and prose do not.
     */
    private static final Gate GATE = Gate.chars(0).words(Hosts.internalNames()).words("internal", "cluster", "localhost")
            .followedBy(":", DANGEROUS_SCHEMES.words()).followedBy(":", List.of("data"))
            .followedBy(":/?", FETCH_SCHEMES.words()).followedBy(":/?", List.of("file"))
            .prefixes("entity", "include", "xinclude").kinds(InputKind.XML_DOCTYPE);

    @Override
    public Gate gate() {
        return GATE;
    }

    @Override
    public ThreatFamily family() {
        return ThreatFamily.REMOTE_INCLUSION;
    }

    @Override
    public List<Rule> rules() {
        return RULES;
    }

    @Override
    public Rule match(Subject s) {
        CharSequence t = s.text();
        if (s.has(Subject.BANG) && entity(t) || s.kind() == InputKind.XML_DOCTYPE && Ascii.contains(t, "<!entity")) {
            return XXE;
        }
        if (s.has(Subject.COLON) && (Ascii.contains(t, "xi:include") || Ascii.contains(t, "/2001/xinclude"))) {
            return XXE;
        }
        if (s.kind() == InputKind.HEADER && referrer(s.name())) {
            return null; // the client's own page: a browser sends localhost referrers in development
        }
        if (s.has(Subject.COLON)) {
            Rule url = urls(s, t);
            if (url != null) {
                return url;
            }
        }
        if (s.has(Subject.QUESTION) && truncatedScheme(t)) {
            return TRAILING_QUERY;
        }
        if (s.has(Subject.LETTER)) {
            int start = Ascii.skipSpaces(t, 0);
            int end = start;
            while (end < t.length() && (Ascii.isWord(t.charAt(end)) || t.charAt(end) == '.' || t.charAt(end) == '-')) {
                end++;
            }
            boolean hostOnly = end == t.length() || t.charAt(end) == '/' || t.charAt(end) == ':';
            if (hostOnly && Hosts.internalName(t, start, end)) {
                return INTERNAL_HOST;
            }
        }
        return null;
    }

    private Rule urls(Subject s, CharSequence t) {
        int n = t.length();
        for (int colon = indexOf(t, ':', 0); colon >= 0; colon = indexOf(t, ':', colon + 1)) {
            int start = colon;
            while (start > 0 && colon - start < 32 && schemeChar(t.charAt(start - 1))) {
                start--;
            }
            if (start == colon || !Ascii.isLetter(t.charAt(start))) {
                continue;
            }
            if (colon - start == 4 && Ascii.matchesAt(t, start, "data") && start == Ascii.skipSpaces(t, 0)
                    && inlineDocument(t, colon + 1)) {
                return DATA_URI;
            }
            boolean slashes = colon + 2 < n && t.charAt(colon + 1) == '/' && t.charAt(colon + 2) == '/';
            if (DANGEROUS_SCHEMES.contains(t, start, colon)) {
                char next = colon + 1 < n ? t.charAt(colon + 1) : ' ';
                if (slashes || next == '/' || next == '\\' || Ascii.matchesAt(t, start, "jar") && Ascii.isLetter(next)
                        || Ascii.matchesAt(t, start, "ldap") && Ascii.isLetter(next)) {
                    return SCHEME;
                }
                continue;
            }
            if (!FETCH_SCHEMES.contains(t, start, colon)) {
                continue;
            }
            int authority = colon + 1;
            while (authority < n && authority < colon + 3 && (t.charAt(authority) == '/' || t.charAt(authority) == '\\')) {
                authority++;
            }
            int hostClass = host(s, t, authority, slashes);
            if (hostClass == Hosts.INTERNAL) {
                return INTERNAL_HOST;
            }
            if (hostClass == Hosts.OBFUSCATED_IP) {
                return OBFUSCATED_IP;
            }
            if (hostClass == Hosts.PUBLIC_IP) {
                return IP_HOST;
            }
            if (slashes && start == Ascii.skipSpaces(t, 0) && t.charAt(n - 1) == '?' && !Ascii.matchesAt(t, start, "url")) {
                return TRAILING_QUERY;
            }
            if (slashes && s.kind().isParameter() && !s.kind().isName() && includeName(s.name())) {
                return INCLUDE_PARAMETER;
            }
            if (slashes && s.strict()) {
                return URL;
            }
        }
        return null;
    }

    /** {@code file?}, {@code ftp?}, {@code http:?}: an inclusion probe, the URL cut to its scheme and the suffix cut off. */
    private static boolean truncatedScheme(CharSequence t) {
        int n = t.length();
        if (n < 2 || t.charAt(n - 1) != '?') {
            return false;
        }
        int start = Ascii.skipSpaces(t, 0);
        int end = start;
        while (end < n && Ascii.isLetter(t.charAt(end))) {
            end++;
        }
        boolean scheme = FETCH_SCHEMES.contains(t, start, end) || end - start == 4 && Ascii.matchesAt(t, start, "file");
        int rest = end;
        while (rest < n && (t.charAt(rest) == ':' || t.charAt(rest) == '/')) {
            rest++;
        }
        return scheme && rest == n - 1;
    }

    /**
     * Classifies the host of the URL whose authority starts at {@code from}: user info is dropped
     * (the host is after the last {@code @}), as are the port, IPv6 brackets and backslashes a lenient
     * parser ignores.
     */
    private static int host(Subject s, CharSequence t, int from, boolean slashes) {
        int n = t.length();
        int end = from;
        while (end < n && end < from + 128 && t.charAt(end) != '/' && t.charAt(end) != '"' && t.charAt(end) != '\''
                && t.charAt(end) != '<' && t.charAt(end) != '>' && t.charAt(end) != '\n') {
            end++;
        }
        int worst = classify(s, t, from, end, true);
        for (int at = from; at < end; at++) {
            if (t.charAt(at) == '@') {
                worst = worse(worst, classify(s, t, at + 1, end, false)); // user info: the host is after an @
            }
        }
        return worst;
    }

    /** Classifies the host starting at {@code start}; without user info it ends at the first space, ? or #. */
    private static int classify(Subject s, CharSequence t, int start, int end, boolean first) {
        StringBuilder host = s.view;
        host.setLength(0);
        boolean bracket = start < end && t.charAt(start) == '[';
        for (int i = start; i < end; i++) {
            char c = t.charAt(i);
            if (bracket) {
                if (c == ']') {
                    break;
                }
                if (c != '[') {
                    host.append(c);
                }
            } else if (c == ':' || c == '@' || c == '?' || c == '#' || Ascii.isSpace(c) || c == '&') {
                break;
            } else if (c != '\\') {
                host.append(c);
            }
        }
        if (!bracket && host.length() > 0 && host.charAt(host.length() - 1) == '.') {
            host.setLength(host.length() - 1);
        }
        return Hosts.classify(host, 0, host.length());
    }

    private static int worse(int a, int b) {
        return a == Hosts.INTERNAL || b == Hosts.INTERNAL ? Hosts.INTERNAL
                : a == Hosts.OBFUSCATED_IP || b == Hosts.OBFUSCATED_IP ? Hosts.OBFUSCATED_IP
                : a == Hosts.PUBLIC_IP || b == Hosts.PUBLIC_IP ? Hosts.PUBLIC_IP : Hosts.PUBLIC_NAME;
    }

    /** {@code <!ENTITY} anywhere, or {@code !ENTITY ... SYSTEM|PUBLIC}. */
    private static boolean entity(CharSequence t) {
        for (int i = Ascii.indexOf(t, "!entity", 0); i >= 0; i = Ascii.indexOf(t, "!entity", i + 7)) {
            if (i > 0 && t.charAt(i - 1) == '<') {
                return true;
            }
            int end = Math.min(t.length(), i + 160);
            for (int k = i + 7; k < end; k++) {
                if (Ascii.wordAt(t, k, "system") || Ascii.wordAt(t, k, "public")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean includeName(CharSequence name) {
        for (String part : INCLUDE_NAMES) {
            if (Ascii.contains(name, part)) {
                return !Ascii.contains(name, "url") && !Ascii.contains(name, "redirect") && !Ascii.contains(name, "callback");
            }
        }
        return false;
    }

    private static boolean referrer(CharSequence header) {
        return header.length() == 7 && Ascii.matchesAt(header, 0, "referer") || header.length() == 6 && Ascii.matchesAt(header, 0, "origin");
    }

    /** After {@code data:}: a media type {@code type/subtype} whose type is not one applications take inline (images...). */
    private static boolean inlineDocument(CharSequence t, int from) {
        int slash = from;
        while (slash < t.length() && slash - from < 16 && Ascii.isLetter(t.charAt(slash))) {
            slash++;
        }
        return slash > from && slash + 1 < t.length() && t.charAt(slash) == '/' && Ascii.isLetter(t.charAt(slash + 1))
                && !INLINE_MEDIA.contains(t, from, slash);
    }

    private static boolean schemeChar(char c) {
        return Ascii.isLetter(c) || Ascii.isDigit(c) || c == '+' || c == '-' || c == '.' || c == '_';
    }

    private static int indexOf(CharSequence t, char c, int from) {
        for (int i = from; i < t.length(); i++) {
            if (t.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
