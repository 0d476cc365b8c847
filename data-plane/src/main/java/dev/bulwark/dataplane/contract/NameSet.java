package dev.bulwark.dataplane.contract;

/**
 * An immutable set of names compared exactly (JSON property names are case-sensitive), looked up by
 * a region of a {@link CharSequence} without allocating: open addressing over {@link String#hashCode},
 * the region hashed as it is read. A region may be a JSON-pointer segment, read unescaped
 * ({@code ~1} is '/', {@code ~0} is '~').
 */
final class NameSet {
    private final String[] table;
    /** For each slot, the name's position in the list the set was built from. */
    private final int[] positions;
    private final int mask;

    NameSet(Iterable<String> names) {
        int count = 0;
        for (String ignored : names) {
            count++;
        }
        int capacity = Integer.highestOneBit(Math.max(2, count * 2 - 1)) << 1;
        table = new String[capacity];
        positions = new int[capacity];
        mask = capacity - 1;
        int position = 0;
        for (String name : names) {
            int slot = name.hashCode() & mask;
            while (table[slot] != null && !table[slot].equals(name)) {
                slot = slot + 1 & mask;
            }
            if (table[slot] == null) {
                table[slot] = name;
                positions[slot] = position;
            }
            position++;
        }
    }

    boolean contains(CharSequence s, int from, int to, boolean pointerSegment) {
        return indexOf(s, from, to, pointerSegment) >= 0;
    }

    /** The position of {@code s[from, to)} in the list the set was built from, or -1. */
    int indexOf(CharSequence s, int from, int to, boolean pointerSegment) {
        int hash = 0;
        int length = 0;
        boolean escaped = false;
        for (int i = from; i < to; i++, length++) {
            char c = s.charAt(i);
            if (c == '~' && pointerSegment && i + 1 < to) {
                char next = s.charAt(i + 1);
                if (next == '0' || next == '1') {
                    c = next == '0' ? '~' : '/';
                    escaped = true;
                    i++;
                }
            }
            hash = 31 * hash + c;
        }
        for (int slot = hash & mask; table[slot] != null; slot = slot + 1 & mask) {
            String name = table[slot];
            if (name.length() == length && name.hashCode() == hash
                    && (escaped ? equalUnescaped(name, s, from, to) : equal(name, s, from))) {
                return positions[slot];
            }
        }
        return -1;
    }

    private static boolean equal(String name, CharSequence s, int from) {
        for (int k = 0; k < name.length(); k++) {
            if (name.charAt(k) != s.charAt(from + k)) {
                return false;
            }
        }
        return true;
    }

    /** Compares a pointer segment that holds escapes ({@code ~0} is '~', {@code ~1} is '/'). */
    private static boolean equalUnescaped(String name, CharSequence s, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++, k++) {
            char c = s.charAt(i);
            if (c == '~' && i + 1 < to && (s.charAt(i + 1) == '0' || s.charAt(i + 1) == '1')) {
                c = s.charAt(++i) == '0' ? '~' : '/';
            }
            if (name.charAt(k) != c) {
                return false;
            }
        }
        return true;
    }
}
