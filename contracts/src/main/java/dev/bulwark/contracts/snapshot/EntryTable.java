package dev.bulwark.contracts.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One collection of a snapshot as an id-sorted table of entries, each with its SHA-256 leaf hash
 * (over its canonical JSON), and the collection's digest over the sorted (id, leaf) pairs. Immutable.
 *
 * <p>Why this shape: a change to k entries costs k canonical serialisations, a merge of the sorted
 * arrays (reference copies) and one pass over the 32-byte leaves, instead of re-serialising every
 * entry. See {@link SnapshotHash} for the exact definition.
 */
public final class EntryTable<T> {
    private final Function<T, String> idOf;
    /** Sorted by {@link String#compareTo}; the other arrays are parallel to it. Never mutated. */
    private final String[] ids;
    private final Object[] entries;
    private final byte[][] idBytes;
    private final byte[][] leaves;
    private final byte[] digest;
    private final List<T> list;

    @SuppressWarnings("unchecked")
    private EntryTable(Function<T, String> idOf, String[] ids, Object[] entries, byte[][] idBytes, byte[][] leaves) {
        this.idOf = idOf;
        this.ids = ids;
        this.entries = entries;
        this.idBytes = idBytes;
        this.leaves = leaves;
        this.digest = digest(idBytes, leaves);
        this.list = Collections.unmodifiableList(Arrays.asList((T[]) entries));
    }

    /**
     * Hashes every entry: the cost of a full snapshot, paid once.
     *
     * @throws IllegalArgumentException when an id is missing or repeated
     */
    public static <T> EntryTable<T> of(List<T> entries, Function<T, String> idOf) {
        int n = entries.size();
        Integer[] order = new Integer[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = idOf.apply(entries.get(i));
            if (keys[i] == null) {
                throw new IllegalArgumentException("an entry has no id");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
        String[] ids = new String[n];
        Object[] sorted = new Object[n];
        byte[][] idBytes = new byte[n][];
        byte[][] leaves = new byte[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = keys[order[i]];
            if (i > 0 && ids[i].equals(ids[i - 1])) {
                throw new IllegalArgumentException("duplicate id " + ids[i]);
            }
            sorted[i] = entries.get(order[i]);
            idBytes[i] = ids[i].getBytes(StandardCharsets.UTF_8);
            leaves[i] = SnapshotHash.leaf(sorted[i]);
        }
        return new EntryTable<>(idOf, ids, sorted, idBytes, leaves);
    }

    /**
     * This table with {@code removals} taken out, then {@code upserts} put in (replacing by id).
     * Only the upserted entries are hashed; the rest is copied by reference.
     *
     * @throws IllegalArgumentException when a removed id is absent or an upsert has no id
     */
    public EntryTable<T> with(List<T> upserts, List<String> removals) {
        if (upserts.isEmpty() && removals.isEmpty()) {
            return this;
        }
        Map<String, T> upserted = new HashMap<>();
        TreeSet<String> changed = new TreeSet<>();
        for (String removed : removals) {
            if (removed == null || indexOf(removed) < 0) {
                throw new IllegalArgumentException("removes " + removed + ", which the snapshot does not have");
            }
            changed.add(removed);
        }
        for (T upsert : upserts) {
            String id = idOf.apply(upsert);
            if (id == null) {
                throw new IllegalArgumentException("an upserted entry has no id");
            }
            upserted.put(id, upsert);
            changed.add(id);
        }
        int n = ids.length;
        int[] positions = new int[changed.size()];
        int size = n;
        int c = 0;
        for (String id : changed) {
            positions[c] = Arrays.binarySearch(ids, id);
            boolean present = positions[c] >= 0;
            boolean kept = upserted.containsKey(id);
            size += present ? (kept ? 0 : -1) : 1;
            c++;
        }
        String[] nextIds = new String[size];
        Object[] nextEntries = new Object[size];
        byte[][] nextIdBytes = new byte[size][];
        byte[][] nextLeaves = new byte[size][];
        int from = 0;
        int to = 0;
        c = 0;
        for (String id : changed) {
            int position = positions[c++];
            int until = position >= 0 ? position : -position - 1;
            to = copy(from, until, nextIds, nextEntries, nextIdBytes, nextLeaves, to);
            from = position >= 0 ? position + 1 : until;
            T upsert = upserted.get(id);
            if (upsert != null) {
                nextIds[to] = id;
                nextEntries[to] = upsert;
                boolean same = position >= 0 && upsert.equals(entries[position]);
                nextIdBytes[to] = position >= 0 ? idBytes[position] : id.getBytes(StandardCharsets.UTF_8);
                nextLeaves[to] = same ? leaves[position] : SnapshotHash.leaf(upsert);
                to++;
            }
        }
        copy(from, n, nextIds, nextEntries, nextIdBytes, nextLeaves, to);
        return new EntryTable<>(idOf, nextIds, nextEntries, nextIdBytes, nextLeaves);
    }

    private int copy(int from, int until, String[] nextIds, Object[] nextEntries, byte[][] nextIdBytes, byte[][] nextLeaves, int to) {
        int length = until - from;
        System.arraycopy(ids, from, nextIds, to, length);
        System.arraycopy(entries, from, nextEntries, to, length);
        System.arraycopy(idBytes, from, nextIdBytes, to, length);
        System.arraycopy(leaves, from, nextLeaves, to, length);
        return to + length;
    }

    /** Position of the id in {@link #entries()}, or a negative number when absent. */
    public int indexOf(String id) {
        return id == null ? -1 : Arrays.binarySearch(ids, id);
    }

    /** The entry with this id, or null. */
    public T get(String id) {
        int index = indexOf(id);
        return index < 0 ? null : list.get(index);
    }

    public boolean contains(String id) {
        return indexOf(id) >= 0;
    }

    public int size() {
        return ids.length;
    }

    /** The id of the entry at this position of {@link #entries()}. */
    public String idAt(int index) {
        return ids[index];
    }

    public String idOf(T entry) {
        return idOf.apply(entry);
    }

    /** Entries in id order (a view, no copy). */
    public List<T> entries() {
        return list;
    }

    /** SHA-256 over the sorted (id, leaf) pairs. */
    public byte[] digest() {
        return digest.clone();
    }

    byte[] rawDigest() {
        return digest;
    }

    /** Each pair is length(id) as 4 bytes big-endian · id in UTF-8 · 32-byte leaf, fed through a buffer. */
    private static byte[] digest(byte[][] idBytes, byte[][] leaves) {
        MessageDigest sha = SnapshotHash.sha256();
        ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        for (int i = 0; i < idBytes.length; i++) {
            byte[] id = idBytes[i];
            int needed = 4 + id.length + leaves[i].length;
            if (buffer.remaining() < needed) {
                sha.update(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            if (needed > buffer.capacity()) {
                sha.update(ByteBuffer.allocate(4).putInt(id.length).array());
                sha.update(id);
                sha.update(leaves[i]);
                continue;
            }
            buffer.putInt(id.length).put(id).put(leaves[i]);
        }
        sha.update(buffer.array(), 0, buffer.position());
        return sha.digest();
    }
}
