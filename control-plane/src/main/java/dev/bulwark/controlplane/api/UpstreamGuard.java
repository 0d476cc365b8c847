package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.net.Cidr;
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
 * cloud-metadata address, unless both the API and its tenant opted in to private upstreams.
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

    /** Violations for each unacceptable URL, named {@code field[i]}. */
    public List<Violation> check(List<String> urls, boolean privateAllowed, String field) {
        List<Violation> violations = new ArrayList<>();
        if (urls.size() > MAX_UPSTREAMS) {
            violations.add(new Violation(field, "at most " + MAX_UPSTREAMS + " upstream URLs"));
            return violations;
        }
        for (int i = 0; i < urls.size(); i++) {
            String problem = problemWith(urls.get(i), privateAllowed);
            if (problem != null) {
                violations.add(new Violation(field + "[" + i + "]", problem));
            }
        }
        return violations;
    }

    private String problemWith(String url, boolean privateAllowed) {
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
            return problemWith(literal, privateAllowed, "is");
        }
        if (NUMERIC_LABELS.matcher(host).matches()) {
            // 127.1, 2130706433, 0x7f.0.0.1: parsers disagree on these, so none is accepted.
            return "uses an ambiguous numeric host; write the address as a.b.c.d";
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return privateAllowed ? null : "is a loopback host; enable private upstreams to use it";
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                String problem = problemWith(address.getAddress(), privateAllowed, "resolves to");
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

    private static String problemWith(byte[] address, boolean privateAllowed, String verb) {
        byte[] normalised = unmapped(address);
        if (matches(METADATA, normalised)) {
            return verb + " a cloud metadata address";
        }
        if (!privateAllowed && matches(PRIVATE, normalised)) {
            return verb + " a loopback, link-local or private address; enable private upstreams to use it";
        }
        return null;
    }

    /** ::ffff:a.b.c.d is the IPv4 address a.b.c.d in disguise. */
    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
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
