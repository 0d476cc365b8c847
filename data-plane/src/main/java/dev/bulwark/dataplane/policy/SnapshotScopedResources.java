package dev.bulwark.dataplane.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Policy resources shared by key across snapshot swaps (a JWKS cache per URL, a token introspector
 * per endpoint and settings) and kept only while the snapshot in force uses them. Without the
 * generations, every configuration a tenant ever tried would keep its HTTP client and up to
 * {@code maxCacheEntries} cached answers for the life of the gateway: cycling a policy's settings
 * would grow the heap without bound.
 *
 * <p>A compilation {@link #begin()}s a generation; what it acquires, reused or new, is the next
 * generation. {@link #commit()} hands what the new snapshot no longer uses to {@code release} (the
 * caller delays the close, since requests on the outgoing snapshot may still use them);
 * {@link #abandon()} keeps the generation in force and releases only what the failed compilation
 * created. Outside a compilation (tests, tools) acquiring adds to the generation in force.
 * Compilations run one at a time; the lock only guards the rare reader of {@link #size()}.
 */
final class SnapshotScopedResources<V> {
    private final Consumer<List<V>> release;
    private Map<String, V> inForce = new HashMap<>();
    private Map<String, V> building;

    /** @param release receives resources no snapshot uses any more (never empty) */
    SnapshotScopedResources(Consumer<List<V>> release) {
        this.release = release;
    }

    synchronized V acquire(String key, Supplier<V> create) {
        V resource = building != null ? building.get(key) : null;
        if (resource == null) {
            resource = inForce.get(key);
        }
        if (resource == null) {
            resource = create.get();
        }
        (building != null ? building : inForce).put(key, resource);
        return resource;
    }

    synchronized void begin() {
        building = new HashMap<>();
    }

    synchronized void commit() {
        if (building == null) {
            return;
        }
        List<V> unused = unusedBy(inForce, building);
        inForce = building;
        building = null;
        if (!unused.isEmpty()) {
            release.accept(unused);
        }
    }

    synchronized void abandon() {
        if (building == null) {
            return;
        }
        List<V> createdForNothing = unusedBy(building, inForce);
        building = null;
        if (!createdForNothing.isEmpty()) {
            release.accept(createdForNothing);
        }
    }

    /** Resources of the generation in force. */
    synchronized int size() {
        return inForce.size();
    }

    /** The resources of the generation in force, by identity. */
    synchronized Set<V> inForce() {
        Set<V> resources = Collections.newSetFromMap(new IdentityHashMap<>());
        resources.addAll(inForce.values());
        return resources;
    }

    private static <V> List<V> unusedBy(Map<String, V> from, Map<String, V> kept) {
        Set<V> keptResources = Collections.newSetFromMap(new IdentityHashMap<>());
        keptResources.addAll(kept.values());
        List<V> unused = new ArrayList<>();
        for (V resource : from.values()) {
            if (!keptResources.contains(resource)) {
                unused.add(resource);
            }
        }
        return unused;
    }
}
