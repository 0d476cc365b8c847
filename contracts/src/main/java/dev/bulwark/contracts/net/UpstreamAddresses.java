package dev.bulwark.contracts.net;

import java.util.Arrays;
import java.util.List;

/**
 * Which IP addresses the gateway may open a connection to on a tenant's behalf (upstreams, JWKS).
 * Shared by the control plane (checked at save and publish time) and the gateway (checked on the
 * address it is about to connect to, after its own DNS resolution), so both planes draw the line
 * in the same place.
 *
 * <p>Public addresses are always allowed. Non-public ones ({@link #NON_PUBLIC}) only when an
 * operator-approved CIDR of the API's snapshot entry covers them. Cloud metadata addresses are
 * never allowed, whatever the allow-list says. IPv6 forms that embed an IPv4 address (mapped
 * {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4
 * {@code 2002:AABB:CCDD::}) are judged as that IPv4 address as well as on their own.
 */
public final class UpstreamAddresses {
    /** Cloud credentials live here: refused even when an allow-list covers them. */
    public static final List<Cidr> METADATA = cidrs("169.254.169.254/32", "fd00:ec2::254/128", "100.100.100.200/32");

    /** Loopback, private, link-local, unique-local, CGNAT, multicast, unspecified, reserved and benchmark ranges. */
    public static final List<String> NON_PUBLIC_TEXT = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");
    public static final List<Cidr> NON_PUBLIC = NON_PUBLIC_TEXT.stream().map(Cidr::parse).toList();

    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    /** Why an address is refused. */
    public enum Refusal {
        METADATA, NON_PUBLIC
    }

    private UpstreamAddresses() {
    }

    /**
     * Null when the gateway may connect to {@code address} (4 or 16 bytes), else why not.
     *
     * @param allowedNonPublic the operator-approved networks of the API (empty: public addresses only)
     */
    public static Refusal check(byte[] address, List<Cidr> allowedNonPublic) {
        byte[] embedded = embeddedIpv4(address);
        if (matches(METADATA, address) || (embedded != null && matches(METADATA, embedded))) {
            return Refusal.METADATA;
        }
        // The address and the IPv4 address it carries must both be public or covered by the allow-list.
        if (matches(NON_PUBLIC, address) && !matches(allowedNonPublic, address)) {
            return Refusal.NON_PUBLIC;
        }
        if (embedded != null && matches(NON_PUBLIC, embedded) && !matches(allowedNonPublic, embedded)) {
            return Refusal.NON_PUBLIC;
        }
        return null;
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or null. */
    public static byte[] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        boolean zeroPrefix = allZero(address, 0, 10);
        if (zeroPrefix && address[10] == (byte) 0xFF && address[11] == (byte) 0xFF) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (zeroPrefix && address[10] == 0 && address[11] == 0 && !allZero(address, 12, 15)) {
            return Arrays.copyOfRange(address, 12, 16); // compatible form (not :: or ::1, which are listed as such)
        }
        if (NAT64.contains(address)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return null;
    }

    /** Parses an allow-list; an entry that is not a numeric CIDR is an error, never a DNS lookup. */
    public static List<Cidr> parseAll(List<String> cidrs) {
        return cidrs == null ? List.of() : cidrs.stream().map(Cidr::parse).toList();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
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
        return Arrays.stream(texts).map(Cidr::parse).toList();
    }
}
