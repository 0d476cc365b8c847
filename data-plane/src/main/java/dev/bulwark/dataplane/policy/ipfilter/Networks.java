package dev.bulwark.dataplane.policy.ipfilter;

import dev.bulwark.contracts.net.Cidr;
import java.util.List;

/** A set of CIDR networks parsed once when the policy is built. */
final class Networks {
    private final Cidr[] cidrs;

    private Networks(Cidr[] cidrs) {
        this.cidrs = cidrs;
    }

    static Networks parse(List<String> texts) {
        return new Networks(texts.stream().map(Cidr::parse).toArray(Cidr[]::new));
    }

    boolean isEmpty() {
        return cidrs.length == 0;
    }

    boolean contains(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Cidr cidr : cidrs) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        byte[] v4 = unmapped(address);
        if (v4 != null) {
            for (Cidr cidr : cidrs) {
                if (cidr.contains(v4)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d, as dual-stack sockets report), else null. */
    static byte[] unmapped(byte[] address) {
        if (address.length != 16 || address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return null;
            }
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }
}
