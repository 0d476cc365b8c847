package dev.bulwark.dataplane.routing;

import java.util.Map;

/**
 * An immutable open-addressing map from a path segment to a value, looked up by a region of the
 * request path: matching a request allocates no substring.
 */
final class SegmentTable<V> {
    private static final SegmentTable<?> EMPTY = new SegmentTable<>(Map.of());

    private final String[] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;

    private SegmentTable(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(2, entries.size() * 2 - 1)) << 1;
        keys = new String[capacity];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (Map.Entry<String, V> entry : entries.entrySet()) {
            String key = entry.getKey();
            int hash = key.hashCode();
            int slot = spread(hash) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            hashes[slot] = hash;
            values[slot] = entry.getValue();
        }
    }

    @SuppressWarnings("unchecked")
    static <V> SegmentTable<V> of(Map<String, V> entries) {
        return entries.isEmpty() ? (SegmentTable<V>) EMPTY : new SegmentTable<>(entries);
    }

    /** The value for {@code path[start, end)}, or null. */
    @SuppressWarnings("unchecked")
    V get(String path, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + path.charAt(i);
        }
        int length = end - start;
        int slot = spread(hash) & mask;
        String key;
        while ((key = keys[slot]) != null) {
            if (hashes[slot] == hash && key.length() == length && path.regionMatches(start, key, 0, length)) {
                return (V) values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
