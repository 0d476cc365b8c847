package dev.bulwark.dataplane.threat.injection.detect;

import dev.bulwark.dataplane.threat.injection.text.Ascii;
import dev.bulwark.dataplane.threat.injection.text.WordSet;

/**
 * Classifies the host of a URL the way a server-side HTTP client would resolve it: loopback,
 * private, link-local and cloud metadata addresses in every IPv4 spelling the resolvers accept
 * (dotted, short, decimal, octal, hexadecimal, mixed), IPv6 literals, and the names that point
 * inside a network (localhost, *.internal, cluster-local service names, metadata endpoints).
 */
final class Hosts {
    static final int PUBLIC_NAME = 0;
    static final int INTERNAL = 1;
    /** An IP address written in a form no one writes by hand (decimal, octal, hex, short, IPv6). */
    static final int OBFUSCATED_IP = 2;
    /** A public IPv4 address in ordinary dotted form. */
    static final int PUBLIC_IP = 3;

    private static final WordSet INTERNAL_NAMES = WordSet.of("localhost", "metadata", "metadata.google.internal", "metadata.goog",
            "metadata.packet.net", "metadata.platformequinix.com", "instance-data", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "ip6-localhost", "ip6-loopback", "ipv6-localhost", "ipv6-loopback", "broadcasthost",
            "localhost.localdomain");
    private static final String[] INTERNAL_SUFFIXES = {".localhost", ".internal", ".local", ".localdomain", ".svc", ".intranet"};

    static java.util.List<String> internalNames() {
        return INTERNAL_NAMES.words();
    }

    private Hosts() {
    }

    /** Classifies {@code host} ({@code s[from, to)}, without port, brackets or user info, lower or mixed case). */
    static int classify(CharSequence s, int from, int to) {
        if (to <= from) {
            return PUBLIC_NAME;
        }
        if (INTERNAL_NAMES.contains(s, from, to)) {
            return INTERNAL;
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (to - from > suffix.length() && Ascii.matchesAt(s, to - suffix.length(), suffix)) {
                return INTERNAL;
            }
        }
        if (contains(s, from, to, ':')) {
            return ipv6Internal(s, from, to) ? INTERNAL : OBFUSCATED_IP;
        }
        long ip = ipv4(s, from, to);
        if (ip < 0) {
            return numeric(s, from, to) ? OBFUSCATED_IP : PUBLIC_NAME;
        }
        if (internal(ip)) {
            return INTERNAL;
        }
        return plainDotted(s, from, to) ? PUBLIC_IP : OBFUSCATED_IP;
    }

    /**
     * A host made only of numbers (decimal or 0x-hex parts) that is not a valid IPv4 address: no DNS
     * name looks like that (no top-level domain is numeric), but some resolvers wrap it into an address.
     */
    private static boolean numeric(CharSequence s, int from, int to) {
        boolean hex = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                hex = false;
            } else if (c == '0' && i + 1 < to && (s.charAt(i + 1) | 0x20) == 'x' && (i == from || s.charAt(i - 1) == '.')) {
                hex = true;
                i++;
            } else if (!(Ascii.isDigit(c) || hex && Ascii.isHex(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(CharSequence s, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s[from, to)} is a hostname that points inside a network (for values without a scheme). */
    static boolean internalName(CharSequence s, int from, int to) {
        return to > from && (INTERNAL_NAMES.contains(s, from, to) || Ascii.matchesAt(s, to - 14, ".cluster.local")
                || Ascii.matchesAt(s, to - 9, ".internal") && to - from > 9 || Ascii.matchesAt(s, to - 10, ".localhost"));
    }

    /**
     * Parses IPv4 the way {@code inet_aton} does: one to four parts, each decimal, octal (leading 0)
     * or hexadecimal (0x), the last part filling the remaining bytes. Returns the address, or -1.
     */
    static long ipv4(CharSequence s, int from, int to) {
        long[] parts = new long[4];
        int count = 0;
        int i = from;
        while (i < to) {
            if (count == 4) {
                return -1;
            }
            int start = i;
            int radix = 10;
            if (i + 1 < to && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x') {
                radix = 16;
                i += 2;
                start = i;
            } else if (i + 1 < to && s.charAt(i) == '0' && Ascii.isDigit(s.charAt(i + 1))) {
                radix = 8;
            }
            long value = 0;
            while (i < to && s.charAt(i) != '.') {
                char c = s.charAt(i);
                int digit = radix == 16 ? (Ascii.isHex(c) ? Ascii.hexValue(c) : -1) : (Ascii.isDigit(c) ? c - '0' : -1);
                if (digit < 0 || digit >= radix) {
                    return -1;
                }
                value = Math.min(value * radix + digit, 1L << 40);
                i++;
            }
            if (i == start && radix != 16) {
                return -1;
            }
            parts[count++] = value;
            if (i < to) {
                i++; // the dot
                if (i == to) {
                    return -1;
                }
            }
        }
        if (count == 0) {
            return -1;
        }
        long address = 0;
        for (int k = 0; k < count - 1; k++) {
            if (parts[k] > 255) {
                return -1;
            }
            address = address << 8 | parts[k];
        }
        int lastBytes = 4 - (count - 1);
        long last = parts[count - 1];
        if (last >= 1L << (8 * lastBytes)) {
            return -1;
        }
        return address << (8 * lastBytes) | last;
    }

    static boolean internal(long ip) {
        long a = ip >>> 24;
        long b = ip >>> 16 & 0xFF;
        return a == 127 || a == 10 || a == 0 || a == 172 && b >= 16 && b <= 31 || a == 192 && b == 168 || a == 169 && b == 254
                || a == 100 && b >= 64 && b <= 127 || a == 192 && b == 0 && (ip >>> 8 & 0xFF) == 0 || a >= 224;
    }

    /** Four decimal parts without leading zeros: how people write addresses. */
    private static boolean plainDotted(CharSequence s, int from, int to) {
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!Ascii.isDigit(c) || c == '0' && (i == from || s.charAt(i - 1) == '.') && i + 1 < to && s.charAt(i + 1) != '.') {
                return false;
            }
        }
        return dots == 3;
    }

    /** Loopback, unspecified, link-local, unique-local, or IPv4-mapped/compatible internal IPv6. */
    private static boolean ipv6Internal(CharSequence s, int from, int to) {
        String host = s.subSequence(from, to).toString().toLowerCase(java.util.Locale.ROOT);
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        if (host.equals("::1") || host.equals("::") || host.startsWith("fe8") || host.startsWith("fe9") || host.startsWith("fea")
                || host.startsWith("feb") || host.startsWith("fc") || host.startsWith("fd")) {
            return true;
        }
        int lastColon = host.lastIndexOf(':');
        String tail = host.substring(lastColon + 1);
        if (tail.indexOf('.') > 0) {
            long ip = ipv4(tail, 0, tail.length());
            return ip >= 0 && internal(ip);
        }
        String stripped = host.replace("0:", "").replace(":", "");
        if (host.contains("ffff:") && stripped.length() >= 8) {
            String hex = host.substring(host.indexOf("ffff:") + 5).replace(":", "");
            try {
                return hex.length() <= 8 && internal(Long.parseLong(hex, 16));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }
}
