package dev.bulwark.dataplane.model;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An immutable map as a large shared base plus a small layer of changes, so that patching a
 * 100,000-key table for one changed key copies the layer, not the table. Lookups (the hot path: one
 * per request) cost at most two hash probes. The layer is folded into a new base once it exceeds an
 * eighth of the base, keeping the amortised cost of a change proportional to its size.
 */
public final class LayeredMap<K, V> extends AbstractMap<K, V> {
    private static final Object REMOVED = new Object();
    private static final int MIN_FOLD = 1024;

    private final Map<K, V> base;
    /** Changed keys: their new value, or {@link #REMOVED}. */
    private final Map<K, Object> layer;
    private final int size;

    private LayeredMap(Map<K, V> base, Map<K, Object> layer, int size) {
        this.base = base;
        this.layer = layer;
        this.size = size;
    }

    public static <K, V> LayeredMap<K, V> of(Map<K, V> entries) {
        return new LayeredMap<>(Map.copyOf(entries), Map.of(), entries.size());
    }

    /** This map with {@code removed} keys taken out, then {@code put} entries put in. */
    public LayeredMap<K, V> with(Set<K> removed, Map<K, V> put) {
        Map<K, Object> next = new HashMap<>(layer);
        int nextSize = size;
        for (K key : removed) {
            if (put.containsKey(key)) {
                continue;
            }
            if (containsKey(key)) {
                nextSize--;
            }
            if (base.containsKey(key)) {
                next.put(key, REMOVED);
            } else {
                next.remove(key);
            }
        }
        for (Map.Entry<K, V> entry : put.entrySet()) {
            if (!containsKey(entry.getKey())) {
                nextSize++;
            }
            next.put(entry.getKey(), entry.getValue());
        }
        if (next.size() > Math.max(MIN_FOLD, base.size() / 8)) {
            Map<K, V> folded = new HashMap<>(base);
            next.forEach((key, value) -> {
                if (value == REMOVED) {
                    folded.remove(key);
                } else {
                    folded.put(key, cast(value));
                }
            });
            return new LayeredMap<>(Map.copyOf(folded), Map.of(), folded.size());
        }
        return new LayeredMap<>(base, Map.copyOf(next), nextSize);
    }

    @Override
    public V get(Object key) {
        Object changed = layer.isEmpty() ? null : layer.get(key);
        if (changed != null) {
            return changed == REMOVED ? null : cast(changed);
        }
        return base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        Set<Entry<K, V>> entries = new HashSet<>();
        base.forEach((key, value) -> {
            if (!layer.containsKey(key)) {
                entries.add(new SimpleImmutableEntry<>(key, value));
            }
        });
        layer.forEach((key, value) -> {
            if (value != REMOVED) {
                entries.add(new SimpleImmutableEntry<>(key, cast(value)));
            }
        });
        return Set.copyOf(entries);
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object value) {
        return (V) value;
    }
}
