package dev.bulwark.dataplane.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrictBase64UrlTest {
    @Test
    void acceptsExactlyWhatTheJdkEncoderProduces() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(0, 40)];
            random.nextBytes(bytes);
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            assertThat(StrictBase64Url.isCanonical(encoded, 0, encoded.length())).as("seed %d: %s", seed, encoded).isTrue();
        }
    }

    @Test
    void refusesPaddingForeignCharactersImpossibleLengthsAndNonZeroTrailingBits() {
        for (String bad : new String[] {"VGVzdA==", "VGVzdA=", "VGV zdA", "VGVzd+A", "VGVz/dA", "VGVzdA?", "V", "VGVzd", "AB", "VGVzdB", "QUJD-x"}) {
            assertThat(StrictBase64Url.isCanonical(bad, 0, bad.length())).as(bad).isFalse();
        }
        assertThat(StrictBase64Url.isCanonical("AA", 0, 2)).isTrue();
        assertThat(StrictBase64Url.isCanonical("VGVzdA", 0, 6)).isTrue();
    }
}
