package dev.bulwark.contracts.apikey;

import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The API key format: {@code bwk_<env>_<43 base62 chars of 256 random bits><6 base62 chars of CRC32>}.
 *
 * <p>The readable prefix lets people and secret scanners recognise a leaked key; the checksum lets
 * the gateway reject mistyped or forged-looking keys without a table lookup. The first
 * {@link #LOOKUP_LENGTH} characters are the public lookup id stored beside the digest.
 */
public final class ApiKeys {
    public static final int RANDOM_CHARS = 43;
    public static final int CHECKSUM_CHARS = 6;
    /** {@code bwk_live_} plus 8 random characters: public, unique enough to index on. */
    public static final int LOOKUP_LENGTH = 17;

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new key for an environment label ({@code live} or {@code test}). */
    public static String generate(KeyEnvironment environment) {
        StringBuilder key = new StringBuilder(environment.prefix());
        // 43 base62 digits carry 256.03 bits; drawing each digit uniformly keeps all 256 bits of entropy.
        for (int i = 0; i < RANDOM_CHARS; i++) {
            key.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        appendChecksum(key);
        return key.toString();
    }

    /** True when the text has the shape of a Bulwark key and its checksum matches. Never throws. */
    public static boolean isWellFormed(CharSequence key) {
        if (key == null) {
            return false;
        }
        KeyEnvironment environment = KeyEnvironment.ofKey(key);
        if (environment == null) {
            return false;
        }
        int bodyStart = environment.prefix().length();
        if (key.length() != bodyStart + RANDOM_CHARS + CHECKSUM_CHARS) {
            return false;
        }
        for (int i = bodyStart; i < key.length(); i++) {
            if (digit(key.charAt(i)) < 0) {
                return false;
            }
        }
        long expected = crc(key, key.length() - CHECKSUM_CHARS);
        long actual = 0;
        for (int i = key.length() - CHECKSUM_CHARS; i < key.length(); i++) {
            actual = actual * 62 + digit(key.charAt(i));
        }
        return expected == actual;
    }

    /** The public lookup id of a well-formed key. */
    public static String lookupId(CharSequence key) {
        return key.subSequence(0, LOOKUP_LENGTH).toString();
    }

    private static void appendChecksum(StringBuilder key) {
        long crc = crc(key, key.length());
        char[] digits = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            digits[i] = BASE62[(int) (crc % 62)];
            crc /= 62;
        }
        key.append(digits);
    }

    private static long crc(CharSequence text, int length) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < length; i++) {
            crc.update(text.charAt(i));
        }
        return crc.getValue();
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }
}
