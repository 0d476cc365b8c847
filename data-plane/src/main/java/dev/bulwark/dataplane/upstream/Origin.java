package dev.bulwark.dataplane.upstream;

import dev.bulwark.contracts.net.IpAddresses;
import io.vertx.core.net.HostAndPort;
import java.net.URI;
import java.util.Locale;

/**
 * Where an upstream lives: scheme, host, port and an optional path prefix.
 *
 * @param ssl        https: TLS to the upstream (HTTP/2 when ALPN agrees and the gateway allows it)
 * @param h2c        h2c: cleartext HTTP/2 with prior knowledge, for upstreams that declare they speak it
 * @param host       as written in the URL (IPv6 literals keep their brackets): the Host header and TLS name
 * @param pathPrefix prepended to the forwarded path; "" when the URL has no path
 * @param literal    the address bytes when the host is a numeric IP (no DNS), else null
 */
public record Origin(boolean ssl, boolean h2c, String host, int port, String pathPrefix, byte[] literal) {

    public Origin(boolean ssl, boolean h2c, String host, int port, String pathPrefix) {
        this(ssl, h2c, host, port, pathPrefix, literalOf(host));
    }

    /**
     * Parses an upstream base URL such as {@code https://orders.internal:8443/v1}. {@code h2c://} names a
     * cleartext upstream that speaks HTTP/2 without negotiation (gRPC back ends, for one): there is no
     * ALPN on a plain socket, so only the API's owner can say so.
     */
    public static Origin parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("h2c")) {
            throw new IllegalArgumentException("must be an http, https or h2c URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must be scheme://host[:port][/path] without credentials, query or fragment");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() < 0 ? (ssl ? 443 : 80) : uri.getPort();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        // The proxy hands host and port to Vert.x, whose authority parser refuses zone ids
        // ([fe80::1%25lo]) and dotted IPv6 ([::127.0.0.1]) by throwing mid-request: refuse them here.
        HostAndPort authority = HostAndPort.parseAuthority(host + ":" + port, -1);
        if (authority == null || !authority.host().equals(host) || authority.port() != port
                || (host.startsWith("[") && literalOf(host) == null)) {
            throw new IllegalArgumentException("has a host the gateway cannot use (IPv6 zone ids and dotted IPv6 are refused)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Origin(ssl, scheme.equals("h2c"), host, port, path);
    }

    private static byte[] literalOf(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]") ? IpAddresses.parseNumeric(host.substring(1, host.length() - 1)) : null;
        }
        return IpAddresses.parseNumeric(host);
    }

    /** The host without IPv6 brackets, as a resolver or socket takes it. */
    public String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Identity of the origin for shared state (circuit breaker); the path prefix is not part of it. */
    public String key() {
        return (ssl ? "https://" : h2c ? "h2c://" : "http://") + host + ":" + port;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Origin o && o.ssl == ssl && o.h2c == h2c && o.port == port && o.host.equals(host) && o.pathPrefix.equals(pathPrefix);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(ssl, h2c, host, port, pathPrefix);
    }

    @Override
    public byte[] literal() {
        return literal == null ? null : literal.clone();
    }
}
