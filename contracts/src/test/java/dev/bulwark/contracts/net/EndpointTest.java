package dev.bulwark.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void matchesAddressesOfTheNetworkOnThatPortOnly() {
        Endpoint loopback = Endpoint.parse("127.0.0.0/8:9090");
        assertThat(loopback.matches(IpAddresses.parseNumeric("127.0.0.1"), 9090)).isTrue();
        assertThat(loopback.matches(IpAddresses.parseNumeric("127.9.9.9"), 9090)).isTrue();
        assertThat(loopback.matches(IpAddresses.parseNumeric("::ffff:127.0.0.1"), 9090)).as("IPv4-mapped").isTrue();
        assertThat(loopback.matches(IpAddresses.parseNumeric("127.0.0.1"), 9091)).isFalse();
        assertThat(loopback.matches(IpAddresses.parseNumeric("10.0.0.1"), 9090)).isFalse();
        assertThat(Endpoint.parse("[::1]:8080").matches(IpAddresses.parseNumeric("::1"), 8080)).isTrue();
        assertThat(Endpoint.parse("10.1.2.3:80").matches(IpAddresses.parseNumeric("10.1.2.3"), 80)).isTrue();
    }

    @Test
    void refusesWhatIsNotANumericNetworkAndAPort() {
        for (String bad : new String[] {"localhost:80", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "::1:80", "[::1:80", ":80"}) {
            assertThatThrownBy(() -> Endpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
