package dev.bulwark.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", " 192.0.2.10 ", "2001:db8::/32"));

    @Test
    void withoutConfiguredProxiesTheHeaderIsIgnored() {
        TrustedProxies none = new TrustedProxies(List.of());
        assertThat(none.clientAddress("10.1.2.3", List.of("203.0.113.7"))).isEqualTo("10.1.2.3");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertThat(proxies.clientAddress("198.51.100.4", List.of("203.0.113.7"))).isEqualTo("198.51.100.4");
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
        // The left-most entry is whatever the client wrote; only hops appended by our proxies count.
        assertThat(proxies.clientAddress("10.0.0.5", List.of("6.6.6.6, 203.0.113.7, 192.0.2.10"))).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("10.0.0.5", List.of("6.6.6.6", "203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(proxies.clientAddress("2001:db8::1", List.of("2001:0db8:0:0:0:0:0:9, 2a00:1450::1"))).isEqualTo("2a00:1450:0:0:0:0:0:1");
    }

    @Test
    void garbageOrAnAllTrustedChainStopsAtTheLastVouchedHop() {
        assertThat(proxies.clientAddress("10.0.0.5", List.of("203.0.113.7, not-an-ip"))).isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress("10.0.0.5", List.of("10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(proxies.clientAddress("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress(null, List.of("203.0.113.7"))).isNull();
    }

    @Test
    void aMisconfiguredProxyListFailsAtStart() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/99"))).hasMessageContaining("10.0.0.0/99");
    }
}
