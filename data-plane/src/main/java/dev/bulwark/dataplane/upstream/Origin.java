package dev.bulwark.dataplane.upstream;

import java.net.URI;
import java.util.Locale;

/**
 * Where an upstream lives: scheme, host, port and an optional path prefix.
 *
 * @param pathPrefix prepended to the forwarded path; "" when the URL has no path
 */
public record Origin(boolean ssl, String host, int port, String pathPrefix) {

    /** Parses an upstream base URL such as {@code https://orders.internal:8443/v1}. */
    public static Origin parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be scheme://host[:port][/path] without credentials, query or fragment");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() < 0 ? (ssl ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Origin(ssl, uri.getHost().toLowerCase(Locale.ROOT), port, path);
    }

    /** Identity of the origin for shared state (circuit breaker); the path prefix is not part of it. */
    public String key() {
        return (ssl ? "https://" : "http://") + host + ":" + port;
    }
}
