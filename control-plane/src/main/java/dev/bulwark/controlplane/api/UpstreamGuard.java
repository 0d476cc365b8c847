package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.net.Endpoint;
import dev.bulwark.contracts.net.IpAddresses;
import dev.bulwark.contracts.net.UpstreamAddresses;
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
 * Keeps tenants from pointing the gateway at Bulwark's own network (SSRF): upstream and JWKS URLs
 * must be http(s) URLs whose host is not, and does not now resolve to, a loopback, link-local,
 * private or cloud-metadata address ({@link UpstreamAddresses}), unless the address lies in a network
 * the platform operator allowed for the tenant (and the API opted in); metadata addresses never, and
 * never one of the platform's own endpoints (its {@link Allowance#denied} host:port pairs), whatever
 * the allow-list says. IPv6 zone ids and dotted IPv6 literals ({@code [::127.0.0.1]}) are refused:
 * the gateway's HTTP client cannot use them.
 *
 * <p>This is the early, friendly check, not the guard: a DNS answer can change after it
 * (rebinding). The guard is the gateway, which resolves every upstream and JWKS name itself and
 * connects only to an address it has checked against the API's snapshot entry
 * ({@code allowedPrivateCidrs}). A name that does not resolve here is therefore accepted (the
 * control plane and the gateway may see different DNS; the gateway refuses what it cannot
 * resolve or may not reach). Call it on a blocking thread.
 */
@Singleton
public class UpstreamGuard {
    public static final int MAX_UPSTREAMS = 16;

    private static final java.util.regex.Pattern NUMERIC_LABELS =
            java.util.regex.Pattern.compile("(?:\\d+|0x[0-9a-f]*)(?:\\.(?:\\d+|0x[0-9a-f]*))*");
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata", "instance-data");
    /** What "private upstreams allowed" lets an API reach (metadata addresses stay refused). */
    private static final List<Cidr> ALL_NON_PUBLIC = UpstreamAddresses.NON_PUBLIC;

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
        return check(urls, privateAllowed ? new Allowance(ALL_NON_PUBLIC, List.of()) : Allowance.NONE, field);
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
            return "must be an http, https or h2c URL of at most 2048 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        // h2c: cleartext HTTP/2 with prior knowledge (the gateway cannot negotiate it on a plain socket)
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("h2c")) {
            return "must use http, https or h2c";
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
            if (host.contains("%") || host.contains(".")) {
                return "uses an IPv6 form the gateway cannot use (zone id or dotted IPv4 part); write plain IPv6 hex";
            }
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
        UpstreamAddresses.Refusal refusal = UpstreamAddresses.check(address, allowance.allowed());
        if (refusal == UpstreamAddresses.Refusal.METADATA) {
            return verb + " a cloud metadata address";
        }
        for (Endpoint platform : allowance.denied()) {
            if (platform.matches(normalised, port)) {
                return verb + " one of the platform's own endpoints";
            }
        }
        if (refusal != null) {
            return verb + " a loopback, link-local or private address outside the networks the platform operator allows for this tenant";
        }
        return null;
    }

    /** The problem with one URL (for instance a jwt policy's JWKS URL) named {@code field}, or null. */
    public Violation checkOne(String url, boolean privateAllowed, String field) {
        return checkOne(url, privateAllowed ? new Allowance(ALL_NON_PUBLIC, List.of()) : Allowance.NONE, field);
    }

    /** The problem with one URL named {@code field} under a tenant's allowance, or null. */
    public Violation checkOne(String url, Allowance allowance, String field) {
        String problem = problemWith(url, allowance);
        return problem == null ? null : new Violation(field, problem);
    }

    private static boolean matches(List<Cidr> networks, byte[] address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
