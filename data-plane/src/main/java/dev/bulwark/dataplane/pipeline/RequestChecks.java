package dev.bulwark.dataplane.pipeline;

import io.vertx.core.MultiMap;
import java.util.List;

/** Cheap checks run on every request before routing. */
public final class RequestChecks {
    private static final int MAX_REQUEST_ID = 128;

    private RequestChecks() {
    }

    /**
     * True when the framing of an HTTP/1 request could be read two ways (request smuggling): both
     * Content-Length and Transfer-Encoding, several or non-numeric Content-Length values, or a
     * Transfer-Encoding other than exactly "chunked".
     */
    public static boolean ambiguousFraming(MultiMap headers) {
        String contentLength = headers.get("content-length");
        String transferEncoding = headers.get("transfer-encoding");
        if (contentLength == null && transferEncoding == null) {
            return false;
        }
        if (contentLength != null && transferEncoding != null) {
            return true;
        }
        if (transferEncoding != null) {
            List<String> all = headers.getAll("transfer-encoding");
            return all.size() != 1 || !transferEncoding.equalsIgnoreCase("chunked");
        }
        List<String> all = headers.getAll("content-length");
        if (all.size() != 1 || contentLength.isEmpty() || contentLength.length() > 18) {
            return true;
        }
        for (int i = 0; i < contentLength.length(); i++) {
            char c = contentLength.charAt(i);
            if (c < '0' || c > '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the request target or Host could be read differently by another parser: control
     * characters or spaces in the target (a NUL or CR the decoder let through), several Host
     * headers, or a Host with whitespace (what an obsolete folded header line leaves behind).
     */
    public static boolean malformedTargetOrHost(String uri, MultiMap headers) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return true;
            }
        }
        String host = headers.get("host");
        if (host == null) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ',' || c == '/' || c == '@') {
                return true;
            }
        }
        return headers.getAll("host").size() > 1;
    }

    /**
     * True when an upstream could read the path as a different path than the one routed: a dot
     * segment ({@code .} or {@code ..}, with any of its dots percent-encoded, or followed by
     * {@code ;parameters}, which servlet containers strip before resolving), an encoded separator
     * ({@code %2F}, {@code %5C}) that would split a path variable into segments, or a backslash,
     * which some servers treat as a slash. One pass, no allocation.
     */
    public static boolean invalidPath(String path) {
        int length = path.length();
        int dots = 0;
        boolean other = false;
        boolean parameters = false;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? path.charAt(i) : '/';
            if (c == '/') {
                if (!other && (dots == 1 || dots == 2)) {
                    return true;
                }
                dots = 0;
                other = false;
                parameters = false;
            } else if (c == '\\') {
                return true;
            } else if (c == '%' && i + 2 < length) {
                char high = path.charAt(i + 1);
                char low = (char) (path.charAt(i + 2) | 0x20);
                if ((high == '2' && low == 'f') || (high == '5' && low == 'c')) {
                    return true;
                }
                if (!parameters) {
                    if (high == '2' && low == 'e') {
                        dots++;
                    } else {
                        other = true;
                    }
                }
                i += 2;
            } else if (!parameters) {
                if (c == '.') {
                    dots++;
                } else if (c == ';') {
                    parameters = true;
                } else {
                    other = true;
                }
            }
        }
        return false;
    }

    /** The client's request id when it is short and made of safe characters; otherwise a new one. */
    public static String requestId(String incoming) {
        if (incoming != null && !incoming.isEmpty() && incoming.length() <= MAX_REQUEST_ID) {
            boolean safe = true;
            for (int i = 0; i < incoming.length() && safe; i++) {
                char c = incoming.charAt(i);
                safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                        || c == '.' || c == ':';
            }
            if (safe) {
                return incoming;
            }
        }
        return TraceContext.randomId();
    }
}
