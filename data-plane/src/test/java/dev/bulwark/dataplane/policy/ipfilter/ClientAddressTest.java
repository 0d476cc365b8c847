package dev.bulwark.dataplane.policy.ipfilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final Networks trusted = Networks.parse(List.of("10.0.0.0/8", "2001:db8:ff::/48"));

    @Test
    void forwardedForIsIgnoredUnlessThePeerIsTrusted() {
        assertThat(ClientAddress.resolve("203.0.113.9", List.of("198.51.100.1"), trusted)).isEqualTo("203.0.113.9");
    }

    @Test
    void clientIsTheRightMostAddressThatIsNotATrustedProxy() {
        assertThat(ClientAddress.resolve("10.0.0.2", List.of("1.1.1.1, 198.51.100.7, 10.0.0.5"), trusted)).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.resolve("10.0.0.2", List.of("1.1.1.1", "198.51.100.7:4431", "10.0.0.5"), trusted))
                .as("several header lines, ports").isEqualTo("198.51.100.7");
        assertThat(ClientAddress.resolve("2001:db8:ff::1", List.of("[2001:db8:1::7]:443, 2001:db8:ff::9"), trusted))
                .isEqualTo("2001:db8:1::7");
    }

    @Test
    void spoofedLeftEntriesNeverWinAndGarbageStopsTheWalk() {
        assertThat(ClientAddress.resolve("10.0.0.2", List.of("10.0.0.1, 198.51.100.7"), trusted))
                .as("a client claiming to be a proxy is still the client").isEqualTo("198.51.100.7");
        assertThat(ClientAddress.resolve("10.0.0.2", List.of("not-an-ip, 10.0.0.9"), trusted)).isEqualTo("10.0.0.9");
        assertThat(ClientAddress.resolve("10.0.0.2", List.of("10.0.0.3"), trusted)).as("all hops trusted").isEqualTo("10.0.0.3");
    }

    @Test
    void denyWinsAllowListDeniesOthersAndMappedAddressesMatchTheirIpv4Network() {
        IpFilterPolicy policy = new IpFilterPolicy(new dev.bulwark.contracts.policy.IpFilterConfig(
                List.of("192.0.2.0/24", "2001:db8::/32"), List.of("192.0.2.66/32"), List.of()));
        assertThat(policy.admits(bytes("192.0.2.10"))).isTrue();
        assertThat(policy.admits(bytes("192.0.2.66"))).isFalse();
        assertThat(policy.admits(bytes("198.51.100.1"))).isFalse();
        assertThat(policy.admits(bytes("2001:db8::5"))).isTrue();
        assertThat(policy.admits(bytes("::ffff:192.0.2.10"))).isTrue();
        assertThat(policy.admits(bytes("::ffff:192.0.2.66"))).isFalse();
        assertThat(policy.admits(null)).isFalse();
    }

    private static byte[] bytes(String address) {
        return dev.bulwark.contracts.net.IpAddresses.parseNumeric(address);
    }
}
