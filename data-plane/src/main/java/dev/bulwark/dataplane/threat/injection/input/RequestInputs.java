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
