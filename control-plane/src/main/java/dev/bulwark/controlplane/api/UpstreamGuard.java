package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.net.Endpoint;
import dev.bulwark.contracts.net.IpAddresses;
import dev.bulwark.contracts.schema.Violation;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps tenants from pointing the gateway at Bulwark's own network (SSRF): upstreams must be
 * http(s) URLs whose host is not, and does not resolve to, a loopback, link-local, private or
 * cloud-metadata address, unless the address lies in a network the platform operator allowed for
 * the tenant (and the API opted in); never one of the platform's own endpoints (its
 * {@link Allowance#denied} host:port pairs), whatever the allow-list says.
 *
 * <p>The DNS answer at save time can change later (rebinding), so the gateway checks the
 * connected address again; this check catches mistakes and the obvious attacks early. A name that
 * does not resolve now is accepted for the same reason. Call it on a blocking thread.
 */
@Singleton
public class UpstreamGuard {
    public static final int MAX_UPSTREAMS = 16;

    private static final java.util.regex.Pattern NUMERIC_LABELS =
            java.util.regex.Pattern.compile("(?:\\d+|0x[0-9a-f]*)(?:\\.(?:\\d+|0x[0-9a-f]*))*");
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata", "instance-data");
    /** Never allowed, not even with private upstreams enabled: cloud credentials live there. */
    private static final List<Cidr> METADATA = cidrs("169.254.169.254/32", "fd00:ec2::254/128", "100.100.100.200/32");
    private static final List<Cidr> PRIVATE = cidrs(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8");

    /**
     * The private networks an API's upstreams may use, and the platform endpoints they may never use.
     *
     * @param allowed networks (inside the private ranges) that are accepted
     * @param denied  the platform's own endpoints, refused even where {@code allowed} covers them
     */
    public record Allowance(List<Cidr> allowed, List<Endpoint> denied) {
        public static final Allowance NONE = new Allowance(List.of(), List.of());

        public Allowance {
            allowed = List.copyOf(allowed);
            denied = List.copyOf(denied);
        }

        boolean allows(byte[] address) {
            return matches(allowed, address);
        }
    }

    /** Without a tenant's allowance: {@code true} accepts every private range (still never metadata). */
    public List<Violation> check(List<String> urls, boolean privateAllowed, String field) {
        return check(urls, privateAllowed ? new Allowance(PRIVATE, List.of()) : Allowance.NONE, field);
    }

    /** Violations for each unacceptable URL, named {@code field[i]}. */
    public List<Violation> check(List<String> urls, Allowance allowance, String field) {
        List<Violation> violations = new ArrayList<>();
        if (urls.size() > MAX_UPSTREAMS) {
            violations.add(new Violation(field, "at most " + MAX_UPSTREAMS + " upstream URLs"));
            return violations;
        }
        for (int i = 0; i < urls.size(); i++) {
            String problem = problemWith(urls.get(i), allowance);
            if (problem != null) {
                violations.add(new Violation(field + "[" + i + "]", problem));
            }
        }
        return violations;
    }

    private String problemWith(String url, Allowance allowance) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            return "must be an http or https URL of at most 2048 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must use http or https";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "must name a host";
        }
        host = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (METADATA_NAMES.contains(host)) {
            return "points at a cloud metadata service";
        }
        byte[] literal = IpAddresses.parseNumeric(host);
        if (literal != null) {
            return problemWith(literal, port, allowance, "is");
        }
        if (NUMERIC_LABELS.matcher(host).matches()) {
            // 127.1, 2130706433, 0x7f.0.0.1: parsers disagree on these, so none is accepted.
            return "uses an ambiguous numeric host; write the address as a.b.c.d";
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            String problem = problemWith(IpAddresses.parseNumeric("127.0.0.1"), port, allowance, "is");
            return problem != null ? problem : problemWith(IpAddresses.parseNumeric("::1"), port, allowance, "is");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                String problem = problemWith(address.getAddress(), port, allowance, "resolves to");
                if (problem != null) {
                    return problem;
                }
            }
        } catch (UnknownHostException e) {
            return null; // see the class comment: the gateway re-checks what it connects to
        } catch (RuntimeException e) {
            return "is not a valid host name";
        }
        return null;
    }

    private static String problemWith(byte[] address, int port, Allowance allowance, String verb) {
        byte[] normalised = IpAddresses.unmapped(address);
        if (matches(METADATA, normalised)) {
            return verb + " a cloud metadata address";
        }
        for (Endpoint platform : allowance.denied()) {
            if (platform.matches(normalised, port)) {
                return verb + " one of the platform's own endpoints";
            }
        }
        if (matches(PRIVATE, normalised) && !allowance.allows(normalised)) {
            return verb + " a loopback, link-local or private address outside the networks the platform operator allows for this tenant";
        }
        return null;
    }

    private static boolean matches(List<Cidr> networks, byte[] address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<Cidr> cidrs(String... texts) {
        return java.util.Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
