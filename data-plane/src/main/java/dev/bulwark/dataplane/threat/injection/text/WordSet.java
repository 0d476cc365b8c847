package dev.bulwark.dataplane.threat.injection.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * An immutable set of lower-case ASCII words, looked up by a region of a {@link CharSequence}
 * ignoring case, without allocating: open addressing over the words' own hash, so a lookup costs
 * one pass over the region and a comparison or two.
 */
public final class WordSet {
    private final String[] table;
    private final int mask;
    private final int maxLength;
    private final int minLength;
    /** Which (lower-case) first characters occur, for rejecting most regions before hashing them. */
    private final long firstLow;
    private final long firstHigh;
    private final boolean firstOther;
    private final int size;

    private WordSet(Collection<String> words) {
        int capacity = Integer.highestOneBit(Math.max(4, words.size() * 2 - 1)) << 1;
        table = new String[capacity];
        mask = capacity - 1;
        int longest = 0;
        int shortest = Integer.MAX_VALUE;
        long low = 0;
        long high = 0;
        boolean other = false;
        int count = 0;
        for (String raw : words) {
            String word = raw.toLowerCase(Locale.ROOT);
            longest = Math.max(longest, word.length());
            shortest = Math.min(shortest, word.length());
            char first = word.isEmpty() ? 0 : word.charAt(0);
            if (first < 64) {
                low |= 1L << first;
            } else if (first < 128) {
                high |= 1L << (first - 64);
            } else {
                other = true;
            }
            int slot = hash(word, 0, word.length()) & mask;
            while (table[slot] != null && !table[slot].equals(word)) {
                slot = (slot + 1) & mask;
            }
            if (table[slot] == null) {
                count++;
            }
            table[slot] = word;
        }
        maxLength = longest;
        minLength = shortest == Integer.MAX_VALUE ? 1 : shortest;
        firstLow = low;
        firstHigh = high;
        firstOther = other;
        size = count;
    }

    public static WordSet of(String... words) {
        return new WordSet(List.of(words));
    }

    public static WordSet of(Collection<String> words) {
        return new WordSet(words);
    }

    /**
     * Reads a word list shipped next to {@code owner}: one word per line, {@code #} starts a comment,
     * several words may share a line separated by spaces.
     */
    public static WordSet resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("word list " + name + " is missing next to " + owner.getName());
            }
            List<String> words = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                for (String word : (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        words.add(word);
                    }
                }
            }
            return new WordSet(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return size;
    }

    /** The words, in no particular order. */
    public java.util.List<String> words() {
        java.util.List<String> words = new ArrayList<>(size);
        for (String word : table) {
            if (word != null) {
                words.add(word);
            }
        }
        return words;
    }

    public boolean contains(CharSequence s) {
        return contains(s, 0, s.length());
    }

    /** Whether {@code s[from, to)}, folded to lower case, is one of the words. */
    public boolean contains(CharSequence s, int from, int to) {
        return slot(s, from, to) >= 0;
    }

    /**
     * The slot of {@code s[from, to)} (folded) in this set, or -1: a stable index in
     * {@code [0, capacity())} that callers may use to keep a value per word in their own array.
     */
    public int slot(CharSequence s, int from, int to) {
        int length = to - from;
        if (length < minLength || length > maxLength || !mayStartWith(Ascii.lower(s.charAt(from)))) {
            return -1;
        }
        int slot = hash(s, from, to) & mask;
        for (String word = table[slot]; word != null; word = table[slot = (slot + 1) & mask]) {
            if (word.length() == length && equalsFolded(word, s, from)) {
                return slot;
            }
        }
        return -1;
    }

    private boolean mayStartWith(char c) {
        return c < 64 ? (firstLow & 1L << c) != 0 : c < 128 ? (firstHigh & 1L << (c - 64)) != 0 : firstOther;
    }

    /** Size of the slot space: see {@link #slot}. */
    public int capacity() {
        return table.length;
    }

    /** The longest word, in characters. */
    public int maxLength() {
        return maxLength;
    }

    private static boolean equalsFolded(String word, CharSequence s, int from) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) != Ascii.lower(s.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + Ascii.lower(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }
}
