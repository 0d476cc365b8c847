package dev.bulwark.dataplane.pipeline;

import io.vertx.core.MultiMap;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1) and any header the
 * Connection header names belong to one connection only; {@code X-Bulwark-*} headers are the
 * gateway's own and are never accepted from clients; Server and X-Powered-By would tell clients
 * what runs upstream. Method-override headers are dropped: plans authorise the routed method, so an
 * upstream that honoured an override would run a method nobody authorised.
 */
public final class HeaderRules {
    private HeaderRules() {
    }

    /** Copies the request headers that may go upstream; Host and Content-Length are set by the caller. */
    public static void copyRequestHeaders(MultiMap from, MultiMap to) {
        String connection = from.get("connection");
        // forEach, not the entry iterator: Vert.x's HTTP/1 headers wrap every entry the iterator returns
        from.forEach((name, value) -> {
            if (!gatewayManaged(name) && !listedIn(connection, name)
                    && (name.indexOf('_') < 0 || !gatewayManaged(name.replace('_', '-')))) {
                to.add(name, value);
            }
        });
    }

    /**
     * Headers the gateway sets, strips or frames by itself. A name that spells one of them with
     * {@code _} for {@code -} ({@code X_Forwarded_For}, {@code X_Bulwark_Tenant}) is dropped too: CGI,
     * WSGI and PHP upstreams map {@code _} and {@code -} to the same variable, so it would override
     * what the gateway set.
     */
    static boolean gatewayManaged(String name) {
        return isHopByHop(name) || startsWithIgnoreCase(name, "x-bulwark-") || isMethodOverride(name) || switch (name.length()) {
            case 4 -> name.equalsIgnoreCase("host");
            case 11 -> name.equalsIgnoreCase("traceparent");
            case 12 -> name.equalsIgnoreCase("x-request-id");
            case 14 -> name.equalsIgnoreCase("content-length");
            case 15 -> name.equalsIgnoreCase("x-forwarded-for");
            case 16 -> name.equalsIgnoreCase("x-forwarded-host");
            case 17 -> name.equalsIgnoreCase("x-forwarded-proto");
            default -> false;
        };
    }

    /** X-HTTP-Method-Override, X-HTTP-Method and X-Method-Override, in any case. */
    static boolean isMethodOverride(String name) {
        return switch (name.length()) {
            case 13 -> name.equalsIgnoreCase("x-http-method");
            case 17 -> name.equalsIgnoreCase("x-method-override");
            case 22 -> name.equalsIgnoreCase("x-http-method-override");
            default -> false;
        };
    }

    /** Copies the upstream response headers the client may see; Content-Length is set by the caller. */
    public static void copyResponseHeaders(MultiMap from, MultiMap to) {
        String connection = from.get("connection");
        from.forEach((name, value) -> {
            if (!isHopByHop(name) && !name.equalsIgnoreCase("server") && !name.equalsIgnoreCase("x-powered-by")
                    && !name.equalsIgnoreCase("content-length") && !listedIn(connection, name)) {
                to.add(name, value);
            }
        });
    }

    public static boolean isHopByHop(String name) {
        return switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("te");
            case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
            case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
            case 17 -> name.equalsIgnoreCase("transfer-encoding");
            default -> startsWithIgnoreCase(name, "proxy-");
        };
    }

    /** True when the Connection header value lists {@code name} as a token. */
    static boolean listedIn(String connection, String name) {
        if (connection == null) {
            return false;
        }
        int length = connection.length();
        int start = 0;
        while (start < length) {
            int comma = connection.indexOf(',', start);
            int end = comma < 0 ? length : comma;
            int from = start;
            int to = end;
            while (from < to && connection.charAt(from) == ' ') {
                from++;
            }
            while (to > from && connection.charAt(to - 1) == ' ') {
                to--;
            }
            if (to - from == name.length() && connection.regionMatches(true, from, name, 0, name.length())) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
