package dev.bulwark.dataplane.pipeline;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.function.BiConsumer;

/** Cheap checks run on every request before routing. */
public final class RequestChecks {
    private static final int MAX_REQUEST_ID = 128;

    private RequestChecks() {
    }

    /**
     * True when the framing of an HTTP/1 request could be read two ways (request smuggling): both
     * Content-Length and Transfer-Encoding, several or non-numeric Content-Length values, or a
     * Transfer-Encoding other than a canonical list of codings ending with "chunked".
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
            if (all.size() != 1) {
                return true;
            }
            if (transferEncoding.equals("chunked")) {
                return false;
            }
            try {
                // other codings before chunked are served, in the canonical form the HTTP/1 decoder wrote
                return !TransferCodings.canonical(all).equals(transferEncoding);
            } catch (IllegalArgumentException e) {
                return true;
            }
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
     * True when a header name could be read differently by another parser: empty (an HTTP/1 line
     * {@code : value}), not an RFC 9110 token, or a framing header spelt with {@code _} or extra,
     * missing or doubled {@code -} ({@code Transfer_Encoding}, {@code Content_Length},
     * {@code Transfer---Encoding}, {@code ContentLength}): servers that map {@code _} to {@code -}
     * (CGI, WSGI, PHP, some proxies) or ignore separators would frame the body by it. One pass over
     * the names, through {@code forEach}: Vert.x's HTTP/1 header map wraps every entry its iterator returns.
     */
    public static boolean ambiguousHeaderNames(MultiMap headers) {
        NameCheck check = new NameCheck();
        headers.forEach(check);
        return check.ambiguous;
    }

    /** Remembers whether any name seen was ambiguous; the names after the first such one are not looked at. */
    private static final class NameCheck implements BiConsumer<String, String> {
        boolean ambiguous;

        @Override
        public void accept(String name, String value) {
            if (!ambiguous) {
                ambiguous = ambiguousName(name);
            }
        }
    }

    private static boolean ambiguousName(String name) {
        int length = name.length();
        if (length == 0) {
            return true;
        }
        int letters = 0;
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (!isTchar(c)) {
                return true;
            }
            if (c != '-' && c != '_') {
                letters++;
            }
        }
        return (letters == 16 || letters == 13) && framingLookalike(name);
    }

    /** {@code name} spells Transfer-Encoding or Content-Length with other separators than one '-'. */
    private static boolean framingLookalike(String name) {
        if (name.equalsIgnoreCase("transfer-encoding") || name.equalsIgnoreCase("content-length")) {
            return false; // the framing header itself
        }
        StringBuilder letters = new StringBuilder(16);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_') {
                letters.append(Character.toLowerCase(c));
            }
        }
        String squeezed = letters.toString();
        return squeezed.equals("transferencoding") || squeezed.equals("contentlength");
    }

    /** RFC 9110 token characters. */
    static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
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
