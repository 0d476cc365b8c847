package dev.bulwark.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controlplane.kernel.Cursors;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.secret.KeyEncryptionKey;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CursorsTest {
    private final Cursors cursors = new Cursors(new KeyEncryptionKey(""));

    @Test
    void roundTripsWithinItsScopeOnly() {
        String cursor = cursors.encode("members:t1", "2026-01-01T00:00:00Z|42");
        assertThat(cursors.decode("members:t1", cursor)).contains("2026-01-01T00:00:00Z|42");
        assertThat(cursors.decode("members:t1", null)).isEmpty();
        assertThatThrownBy(() -> cursors.decode("members:t2", cursor)).isInstanceOf(ProblemException.class)
                .extracting("key").isEqualTo("INVALID_CURSOR");
    }

    @Test
    void everySingleCharacterEditIsRefused() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        for (int i = 0; i < 500; i++) {
            String cursor = cursors.encode("audit:t", Long.toString(random.nextLong(1, Long.MAX_VALUE)));
            int at = random.nextInt(cursor.length());
            char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            if (replacement == cursor.charAt(at)) {
                continue;
            }
            String edited = cursor.substring(0, at) + replacement + cursor.substring(at + 1);
            assertThatThrownBy(() -> cursors.decode("audit:t", edited)).as("seed %d, cursor %s", seed, edited)
                    .isInstanceOf(ProblemException.class);
        }
    }
}
