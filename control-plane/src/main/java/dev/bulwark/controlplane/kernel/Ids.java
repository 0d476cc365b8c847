package dev.bulwark.controlplane.kernel;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered identifiers (UUID version 7): ids sort by creation, so keyset pagination can page
 * on the id alone and new rows land at the end of the primary-key index.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** Parses a path variable; a malformed id is simply a resource that does not exist. */
    public static UUID parse(String text, String resource) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw dev.bulwark.controlplane.kernel.ProblemException.notFound(resource);
        }
    }
}
