package dev.bulwark.dataplane.threat.injection.detect;

/**
 * The {@link Prefilter}'s one table of trigger text: whole words, words with the character that
 * follows them, prefixes and schemes (each kind under its own salt), mapped to the detectors they
 * admit. Open addressing over spread 64-bit polynomial hashes of the case-folded text, so the pass
 * can look a word up from the hash it built while reading it. Two texts with one key only make a
 * detector run needlessly, never skip one.
 */
final class TriggerTable {
    private static final long PREFIX_SALT = 0x5DEECE66DL;
    private static final long SCHEME_SALT = 0x2545F4914F6CDD1DL;
    private final long[] keys;
    private final long[] bits;
    private final int mask;

    /** A table with room for {@code entries} texts at a load of at most one half. */
    TriggerTable(int entries) {
        int capacity = Integer.highestOneBit(Math.max(8, entries * 2)) << 1;
        keys = new long[capacity];
        bits = new long[capacity];
        mask = capacity - 1;
    }

    /** The polynomial hash the pass builds one character at a time ({@code h * 31 + c}). */
    static long hash(CharSequence text) {
        long h = 0;
        for (int i = 0; i < text.length(); i++) {
            h = h * 31 + text.charAt(i);
        }
        return h;
    }

    void putWord(long hash, long detectors) {
        put(mix(hash), detectors);
    }

    void putPrefix(long hash, long detectors) {
        put(mix(hash) ^ PREFIX_SALT, detectors);
    }

    /** A scheme, keyed with the colon that must follow it. */
    void putScheme(long hash, long detectors) {
        put(mix(hash * 31 + ':') ^ SCHEME_SALT, detectors);
    }

    long word(long hash) {
        return probe(mix(hash));
    }

    long prefix(long hash) {
        return probe(mix(hash) ^ PREFIX_SALT);
    }

    long scheme(long hash) {
        return probe(mix(hash * 31 + ':') ^ SCHEME_SALT);
    }

    private void put(long key, long detectors) {
        long k = key == 0 ? 1 : key;    // 0 marks an empty slot
        int slot = (int) (k >>> 40) & mask;
        while (keys[slot] != 0 && keys[slot] != k) {
            slot = slot + 1 & mask;
        }
        keys[slot] = k;
        bits[slot] |= detectors;
    }

    private long probe(long key) {
        long k = key == 0 ? 1 : key;
        int slot = (int) (k >>> 40) & mask;
        while (keys[slot] != 0) {
            if (keys[slot] == k) {
                return bits[slot];
            }
            slot = slot + 1 & mask;
        }
        return 0;
    }

    /** Spreads the hash over the key's high bits, which pick the slot. */
    private static long mix(long h) {
        long k = h * 0x9E3779B97F4A7C15L;
        return k ^ k >>> 29;
    }
}
