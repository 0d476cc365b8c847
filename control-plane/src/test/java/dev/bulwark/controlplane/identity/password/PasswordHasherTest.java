package dev.bulwark.controlplane.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

    @Test
    void hashesAreArgon2idPhcStringsWithTheirParametersAndAFreshSalt() {
        String first = hasher.hash("a long enough passphrase");
        String second = hasher.hash("a long enough passphrase");
        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(hasher.verify("a long enough passphrase", first)).isTrue();
        assertThat(hasher.verify("a long enough passphrasE", first)).isFalse();
        assertThat(hasher.verify("a long enough passphrase", "$argon2id$v=19$m=1,t=1,p=1$bad$bad")).isFalse();
    }

    @Test
    void weakerStoredParametersAskForARehashAndStillVerify() {
        PasswordHasher old = new PasswordHasher(8192, 1, 1);
        String weak = old.hash("an older passphrase here");
        assertThat(hasher.needsRehash(weak)).isTrue();
        assertThat(hasher.verify("an older passphrase here", weak)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
    }
}
