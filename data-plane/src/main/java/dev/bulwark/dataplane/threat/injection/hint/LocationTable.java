package dev.bulwark.dataplane.threat.injection.hint;

import java.util.Map;

/**
 * An open-addressing table of hints looked up by a location {@link CharSequence} without allocating:
 * the hash and the comparison read array indices ({@code /17/}) as {@code /*}{@code /}, so one key
 * covers every element of an array.
 */
final class LocationTable implements TypeHints {
    private final String[] keys;
    private final TypeHint[] values;
    private final int mask;

    LocationTable(Map<String, TypeHint> hints) {
        int capacity = Integer.highestOneBit(Math.max(4, hints.size() * 2 - 1)) << 1;
        keys = new String[capacity];
        values = new TypeHint[capacity];
        mask = capacity - 1;
        hints.forEach((key, hint) -> {
            int slot = hash(key) & mask;
            while (keys[slot] != null && !keys[slot].equals(key)) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = hint;
        });
    }

    @Override
    public TypeHint hint(CharSequence location) {
        int slot = hash(location) & mask;
        for (String key = keys[slot]; key != null; key = keys[slot = (slot + 1) & mask]) {
            if (matches(key, location)) {
                return values[slot];
            }
        }
        return null;
    }

    /** Hash of the canonical form, in which an all-digit segment after {@code /} reads as {@code *}. */
    private static int hash(CharSequence s) {
        int h = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            h = 31 * h + c;
            if (c == '/') {
                int end = index(s, i + 1);
                if (end > i + 1) {
                    h = 31 * h + '*';
                    i = end - 1;
                }
            }
        }
        return h ^ (h >>> 16);
    }

    private static boolean matches(String key, CharSequence location) {
        int k = 0;
        int i = 0;
        int n = location.length();
        while (k < key.length() && i < n) {
            char c = location.charAt(i);
            if (key.charAt(k) != c) {
                return false;
            }
            k++;
            i++;
            if (c == '/') {
                int end = index(location, i);
                if (end > i) {
                    if (k < key.length() && key.charAt(k) == '*') {
                        k++;
                    } else {
                        int keyEnd = index(key, k);
                        if (keyEnd - k != end - i || !key.regionMatches(k, location.subSequence(i, end).toString(), 0, end - i)) {
                            return false;
                        }
                        k = keyEnd;
                    }
                    i = end;
                }
            }
        }
        return k == key.length() && i == n;
    }

    /** End of an all-digit segment starting at {@code i} (followed by {@code /} or the end), or {@code i}. */
    private static int index(CharSequence s, int i) {
        int end = i;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
        }
        return end > i && (end == s.length() || s.charAt(end) == '/') ? end : i;
    }
}
