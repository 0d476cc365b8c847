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

    /** True when a path has a dot segment, plain or percent-encoded, that an upstream could resolve. */
    public static boolean hasDotSegment(String path) {
        if (path.indexOf('.') < 0 && path.indexOf('%') < 0) {
            return false;
        }
        String decoded = path.replace("%2e", ".").replace("%2E", ".");
        return decoded.contains("/./") || decoded.contains("/../") || decoded.endsWith("/.") || decoded.endsWith("/..");
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
