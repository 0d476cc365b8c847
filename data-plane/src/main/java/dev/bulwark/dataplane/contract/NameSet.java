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
        for (int i = from; i < to; i++, length++) {
            boolean escape = escapeAt(s, i, to, pointerSegment);
            hash = 31 * hash + (escape ? unescaped(s.charAt(++i)) : s.charAt(i));
        }
        for (int slot = hash & mask; table[slot] != null; slot = slot + 1 & mask) {
            String name = table[slot];
            if (name.length() == length && name.hashCode() == hash && equal(name, s, from, to, pointerSegment)) {
                return positions[slot];
            }
        }
        return -1;
    }

    private static boolean equal(String name, CharSequence s, int from, int to, boolean pointerSegment) {
        int k = 0;
        for (int i = from; i < to; i++, k++) {
            boolean escape = escapeAt(s, i, to, pointerSegment);
            if (name.charAt(k) != (escape ? unescaped(s.charAt(++i)) : s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a JSON-pointer escape ({@code ~0}, {@code ~1}) starts at {@code i}. */
    private static boolean escapeAt(CharSequence s, int i, int to, boolean pointerSegment) {
        return pointerSegment && s.charAt(i) == '~' && i + 1 < to && (s.charAt(i + 1) == '0' || s.charAt(i + 1) == '1');
    }

    private static char unescaped(char digit) {
        return digit == '0' ? '~' : '/';
    }
}
