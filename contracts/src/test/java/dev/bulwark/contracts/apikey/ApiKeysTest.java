package dev.bulwark.contracts.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void generatedKeysHaveTheDocumentedShape() {
        String key = ApiKeys.generate(KeyEnvironment.LIVE);

        assertThat(key).startsWith("bwk_live_").hasSize(9 + 43 + 6).matches("bwk_live_[0-9A-Za-z]{49}");
        assertThat(ApiKeys.isWellFormed(key)).isTrue();
        assertThat(ApiKeys.lookupId(key)).hasSize(ApiKeys.LOOKUP_LENGTH).isEqualTo(key.substring(0, 17));
        assertThat(ApiKeys.isWellFormed(ApiKeys.generate(KeyEnvironment.TEST))).isTrue();
    }

    @Test
    void checksumCatchesAnySingleCharacterChange() {
        String key = ApiKeys.generate(KeyEnvironment.LIVE);
        for (int i = 9; i < key.length(); i++) {
            char replacement = key.charAt(i) == 'a' ? 'b' : 'a';
            String typo = key.substring(0, i) + replacement + key.substring(i + 1);
            assertThat(ApiKeys.isWellFormed(typo)).as("changed position %d", i).isFalse();
        }
    }

    @Test
    void malformedInputIsRefusedWithoutThrowing() {
        assertThat(ApiKeys.isWellFormed(null)).isFalse();
        assertThat(ApiKeys.isWellFormed("")).isFalse();
        assertThat(ApiKeys.isWellFormed("bwk_live_")).isFalse();
        assertThat(ApiKeys.isWellFormed("bwk_prod_" + "a".repeat(49))).isFalse();
        assertThat(ApiKeys.isWellFormed("bwk_live_" + "a".repeat(48) + "-")).isFalse();
    }

    @Test
    void keysAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ApiKeys.generate(KeyEnvironment.LIVE))).isTrue();
        }
    }

    @Test
    void digestIsKeyedAndComparedExactly() {
        byte[] pepperA = new byte[32];
        byte[] pepperB = new byte[32];
        pepperB[0] = 1;
        ApiKeyDigester a = new ApiKeyDigester(pepperA);
        ApiKeyDigester b = new ApiKeyDigester(pepperB);
        String key = ApiKeys.generate(KeyEnvironment.LIVE);

        String digest = a.digest(key);
        assertThat(digest).hasSize(43).isNotEqualTo(b.digest(key));
        assertThat(a.matches(key, digest)).isTrue();
        assertThat(b.matches(key, digest)).isFalse();
        assertThat(a.matches(key + "x", digest)).isFalse();
        assertThat(a.matches(key, "not base64!")).isFalse();
    }

    @Test
    void shortPepperIsRefused() {
        assertThatThrownBy(() -> new ApiKeyDigester(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
