package dev.bulwark.controlplane.domain;

import dev.bulwark.contracts.net.Cidr;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.List;

/** Refuses loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved addresses. */
@Singleton
public class PublicAddressesOnly implements ChallengeAddressPolicy {
    private static final List<Cidr> REFUSED = java.util.stream.Stream.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96", "2002::/16").map(Cidr::parse).toList();

    @Override
    public boolean permits(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        for (Cidr network : REFUSED) {
            if (network.contains(bytes)) {
                return false;
            }
        }
        return true;
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d are IPv4 addresses in disguise. */
    private static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        boolean mapped = address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
        boolean compatible = address[10] == 0 && address[11] == 0 && (address[12] != 0 || address[13] != 0);
        return mapped || compatible ? new byte[] {address[12], address[13], address[14], address[15]} : address;
    }
}
