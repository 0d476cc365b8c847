package dev.bulwark.contracts.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesV4AndV6Networks() {
        Cidr v4 = Cidr.parse("10.1.0.0/16");
        Cidr v6 = Cidr.parse("2001:db8::/32");

        assertThat(v4.contains(IpAddresses.parseNumeric("10.1.255.7"))).isTrue();
        assertThat(v4.contains(IpAddresses.parseNumeric("10.2.0.1"))).isFalse();
        assertThat(v6.contains(IpAddresses.parseNumeric("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(IpAddresses.parseNumeric("2001:db9::1"))).isFalse();
        assertThat(v4.contains(IpAddresses.parseNumeric("::1"))).isFalse();
        assertThat(Cidr.parse("192.168.1.77/24").toString()).isEqualTo("192.168.1.0/24");
    }

    @Test
    void refusesNamesLeadingZerosAndBadPrefixes() {
        assertThat(IpAddresses.parseNumeric("localhost")).isNull();
        assertThat(IpAddresses.parseNumeric("010.0.0.1")).isNull();
        assertThat(IpAddresses.parseNumeric("1.2.3")).isNull();
        assertThat(IpAddresses.parseNumeric("1.2.3.256")).isNull();
        assertThat(IpAddresses.parseNumeric("fe80::1%eth0")).isNull();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("exceeds 32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/")).hasMessageContaining("invalid prefix");
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("not a numeric");
    }

    /** Property: an address lies in every network built from its own prefix, and flipping the last prefix bit leaves it. */
    @RepeatedTest(20)
    void anAddressIsInsideEveryPrefixOfItself(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        for (int i = 0; i < 500; i++) {
            byte[] address = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(address);
            int prefix = random.nextInt(address.length * 8 + 1);
            Cidr network = Cidr.parse(IpAddresses.format(address) + "/" + prefix);

            assertThat(network.contains(address)).as("%s in %s", IpAddresses.format(address), network).isTrue();
            if (prefix > 0) {
                byte[] flipped = address.clone();
                int bit = prefix - 1;
                flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
                assertThat(network.contains(flipped)).isFalse();
            }
        }
    }
}
