package dev.bulwark.dataplane.threat.injection.input;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extracts the inputs of a request's head: the path, every query parameter (names and values),
 * every header value but the few that only frame the message, and cookies one by one.
 */
public final class RequestInputs {
    /**
     * Headers that frame the message rather than carry data: the HTTP parser and the routing already
     * validated them, and their syntax (lengths, tokens) is checked elsewhere. The cookie header is
     * inspected cookie by cookie instead.
     */
    private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding", "connection", "keep-alive",
            "te", "trailer", "upgrade", "proxy-connection", "cookie", ":authority", ":method", ":path", ":scheme");

    private RequestInputs() {
    }

    /**
     * @param rawPath  the path as sent, percent-encoded, without the query
     * @param rawQuery the query string as sent, or null
     * @param headers  name/value pairs in arrival order
     */
    public static boolean extract(CharSequence rawPath, CharSequence rawQuery, Iterable<Map.Entry<String, String>> headers,
                                  InputSink sink) {
        if (rawPath != null && rawPath.length() > 0 && sink.path(rawPath)) {
            return true;
        }
        if (rawQuery != null && FormFields.split(rawQuery, InputSink.Source.QUERY, sink)) {
            return true;
        }
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = header.getValue();
            if (name.equals("cookie")) {
                if (FormFields.cookies(value, sink)) {
                    return true;
                }
            } else if (isFilenameHeader(name)) {
                if (sink.value(InputKind.FILENAME, "header." + name, value)) {
                    return true;
                }
            } else if (!FRAMING.contains(name) && sink.header(name, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the Referer names the request's own host or a subdomain of it (a link from the site
     * itself). Ports are ignored; an absent or unparsable Referer is not same-site.
     */
    public static boolean sameSiteReferer(Iterable<Map.Entry<String, String>> headers) {
        String host = null;
        String referer = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("host") || name.equals(":authority")) {
                host = header.getValue();
            } else if (name.equalsIgnoreCase("referer")) {
                referer = header.getValue();
            }
        }
        if (host == null || referer == null) {
            return false;
        }
        int scheme = referer.indexOf("://");
        if (scheme <= 0) {
            return false;
        }
        int from = scheme + 3;
        int to = from;
        while (to < referer.length() && "/?#:".indexOf(referer.charAt(to)) < 0) {
            to++;
        }
        int hostEnd = host.lastIndexOf(':') > host.lastIndexOf(']') ? host.lastIndexOf(':') : host.length();
        int hostLength = hostEnd;
        int length = to - from;
        if (hostLength == 0 || referer.lastIndexOf('@', to) >= from || length < hostLength) {
            return false;                           // user@host: what precedes '@' is not the host
        }
        boolean suffix = referer.regionMatches(true, to - hostLength, host, 0, hostLength);
        return suffix && (length == hostLength || referer.charAt(to - hostLength - 1) == '.');
    }

    /** {@code X-Filename}, {@code X_Filename}, {@code X.File-Name}: how upload endpoints name the file outside multipart. */
    static boolean isFilenameHeader(String lowerName) {
        if (lowerName.length() < 10 || lowerName.charAt(0) != 'x' || !separator(lowerName.charAt(1))) {
            return false;
        }
        String wanted = "filename";
        int k = 0;
        for (int i = 2; i < lowerName.length(); i++) {
            char c = lowerName.charAt(i);
            if (separator(c)) {
                continue;
            }
            if (k == wanted.length() || c != wanted.charAt(k++)) {
                return false;
            }
        }
        return k == wanted.length();
    }

    private static boolean separator(char c) {
        return c == '-' || c == '_' || c == '.';
    }
}
