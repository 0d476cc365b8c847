package dev.bulwark.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamAddressesTest {
    private static final List<Cidr> NONE = List.of();

    private static byte[] ip(String text) {
        return IpAddresses.parseNumeric(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "8.8.8.8", "2001:db8::1", "2606:4700::1111", "192.0.2.1"})
    void publicAddressesAreAllowed(String address) {
        assertThat(UpstreamAddresses.check(ip(address), NONE)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.1.1",
        "0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
        "::ffff:127.0.0.1", "::7f00:1", "64:ff9b::7f00:1", "2002:7f00:1::", "::ffff:10.0.0.1", "fec0::1"})
    void nonPublicAddressesAndTheirIpv6DisguisesAreRefused(String address) {
        assertThat(UpstreamAddresses.check(ip(address), NONE)).isEqualTo(UpstreamAddresses.Refusal.NON_PUBLIC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "fd00:ec2::254", "100.100.100.200", "::ffff:169.254.169.254", "::a9fe:a9fe",
        "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::"})
    void metadataIsRefusedWhateverTheAllowList(String address) {
        assertThat(UpstreamAddresses.check(ip(address), UpstreamAddresses.NON_PUBLIC)).isEqualTo(UpstreamAddresses.Refusal.METADATA);
        assertThat(UpstreamAddresses.check(ip(address), List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0"))))
                .isEqualTo(UpstreamAddresses.Refusal.METADATA);
    }

    @Test
    void anAllowListOpensExactlyItsNetworksInEveryForm() {
        List<Cidr> tenOnly = List.of(Cidr.parse("10.0.0.0/8"));
        assertThat(UpstreamAddresses.check(ip("10.4.5.6"), tenOnly)).isNull();
        assertThat(UpstreamAddresses.check(ip("::ffff:10.4.5.6"), tenOnly)).as("the mapped form of an allowed address").isNull();
        assertThat(UpstreamAddresses.check(ip("127.0.0.1"), tenOnly)).isEqualTo(UpstreamAddresses.Refusal.NON_PUBLIC);
        assertThat(UpstreamAddresses.check(ip("::ffff:127.0.0.1"), tenOnly)).isEqualTo(UpstreamAddresses.Refusal.NON_PUBLIC);
        assertThat(UpstreamAddresses.check(ip("::1"), List.of(Cidr.parse("127.0.0.0/8"))))
                .as("IPv6 loopback needs ::1 itself").isEqualTo(UpstreamAddresses.Refusal.NON_PUBLIC);
        assertThat(UpstreamAddresses.check(ip("::1"), UpstreamAddresses.NON_PUBLIC)).isNull();
    }
}
