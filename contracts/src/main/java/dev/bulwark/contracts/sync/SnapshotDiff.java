package dev.bulwark.contracts.sync;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.EntryTable;
import dev.bulwark.contracts.snapshot.IndexedSnapshot;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pure functions between two snapshots of one environment: {@link #diff} computes the delta,
 * {@link #apply} replays it and proves the result by its content hash. Entries are compared whole
 * (records are values), so a changed API is sent whole, never field by field. The
 * {@link IndexedSnapshot} forms cost in proportion to the change; the {@link Snapshot} forms index
 * (and so hash) everything first.
 */
public final class SnapshotDiff {
    private SnapshotDiff() {
    }

    /** The delta that turns {@code from} into {@code to}. Both must be stamped with their content hash. */
    public static SnapshotDelta diff(Snapshot from, Snapshot to) {
        check(from.environment(), from.schemaVersion(), to.environment(), to.schemaVersion());
        SnapshotChanges changes = new SnapshotChanges(
                changes(from.apis(), to.apis(), ApiEntry::apiId),
                changes(from.plans(), to.plans(), PlanEntry::planId),
                changes(from.applications(), to.applications(), ApplicationEntry::applicationId),
                changes(from.apiKeys(), to.apiKeys(), ApiKeyEntry::keyId));
        return new SnapshotDelta(to.environment(), to.schemaVersion(), from.version(), from.contentHash(), to.version(),
                to.contentHash(), to.createdAt(), changes);
    }

    /**
     * What turns the indexed {@code from} into the freshly compiled {@code to}: one lookup and one
     * record comparison per entry of {@code to}; nothing is serialised or hashed.
     */
    public static SnapshotChanges changes(IndexedSnapshot from, Snapshot to) {
        check(from.environment(), from.schemaVersion(), to.environment(), to.schemaVersion());
        return new SnapshotChanges(changes(from.apis(), to.apis()), changes(from.plans(), to.plans()),
                changes(from.applications(), to.applications()), changes(from.apiKeys(), to.apiKeys()));
    }

    /**
     * Replays a delta on exactly the snapshot it was computed from.
     *
     * @throws SnapshotDeltaException when {@code base} is not the delta's origin, the delta does not
     *                                fit it, or the result does not hash to {@code toHash}
     */
    public static Snapshot apply(Snapshot base, SnapshotDelta delta) throws SnapshotDeltaException {
        IndexedSnapshot indexed;
        try {
            indexed = IndexedSnapshot.of(base);
        } catch (IllegalArgumentException e) {
            throw new SnapshotDeltaException("snapshot in force is inconsistent: " + e.getMessage());
        }
        if (!Objects.equals(base.contentHash(), indexed.contentHash())) {
            throw new SnapshotDeltaException("snapshot in force does not match its content hash");
        }
        return apply(indexed, delta).snapshot();
    }

    /** {@link #apply(Snapshot, SnapshotDelta)} on an indexed base: costs in proportion to the delta. */
    public static IndexedSnapshot apply(IndexedSnapshot base, SnapshotDelta delta) throws SnapshotDeltaException {
        if (!Objects.equals(base.environment(), delta.environment())) {
            throw new SnapshotDeltaException("delta is for environment " + delta.environment() + ", snapshot is " + base.environment());
        }
        if (base.version() != delta.fromVersion() || !Objects.equals(base.contentHash(), delta.fromHash())) {
            throw new SnapshotDeltaException("delta starts at version " + delta.fromVersion() + ", snapshot in force is version "
                    + base.version());
        }
        if (base.schemaVersion() != delta.schemaVersion()) {
            throw new SnapshotDeltaException("delta has schema version " + delta.schemaVersion() + ", snapshot " + base.schemaVersion());
        }
        if (delta.toVersion() <= delta.fromVersion()) {
            throw new SnapshotDeltaException("delta goes from version " + delta.fromVersion() + " back to " + delta.toVersion());
        }
        IndexedSnapshot result = replay(base, delta.changes(), delta.toVersion(), delta.createdAt());
        if (!SnapshotHash.matches(delta.toHash(), result.contentHash())) {
            throw new SnapshotDeltaException("result of the delta to version " + delta.toVersion()
                    + " does not match its content hash");
        }
        return result;
    }

    /**
     * {@code base} with the changes replayed, as version {@code toVersion}: no hash is checked (the
     * caller computed the changes itself, or checks {@link IndexedSnapshot#contentHash()}).
     *
     * @throws SnapshotDeltaException when a removal names an absent id or an upsert has no id
     */
    public static IndexedSnapshot replay(IndexedSnapshot base, SnapshotChanges changes, long toVersion, Instant createdAt)
            throws SnapshotDeltaException {
        return new IndexedSnapshot(base.schemaVersion(), toVersion, base.environment(), createdAt,
                replay("apis", base.apis(), changes.apis()),
                replay("plans", base.plans(), changes.plans()),
                replay("applications", base.applications(), changes.applications()),
                replay("apiKeys", base.apiKeys(), changes.apiKeys()));
    }

    private static void check(String fromEnvironment, int fromSchema, String toEnvironment, int toSchema) {
        if (!Objects.equals(fromEnvironment, toEnvironment)) {
            throw new IllegalArgumentException("cannot diff environment " + fromEnvironment + " against " + toEnvironment);
        }
        if (fromSchema != toSchema) {
            throw new IllegalArgumentException("cannot diff across schema versions " + fromSchema + " and " + toSchema);
        }
    }

    private static <T> Changes<T> changes(List<T> from, List<T> to, Function<T, String> id) {
        Map<String, T> before = index(from, id);
        return changes(before::get, before.size(), () -> before.keySet(), to, id);
    }

    /**
     * A merge walk when {@code to} is in id order (the catalog compiler emits it so): one comparison
     * per entry, no hashing, no allocation beyond the result. Otherwise one binary search per entry.
     */
    private static <T> Changes<T> changes(EntryTable<T> from, List<T> to) {
        List<T> upserts = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        int i = 0;
        String last = null;
        for (T entry : to) {
            String key = from.idOf(entry);
            if (key == null) {
                throw new IllegalArgumentException("entry ids must be present and unique, an id is missing");
            }
            if (last != null && last.compareTo(key) >= 0) {
                return changesBySearch(from, to);
            }
            last = key;
            while (i < from.size() && from.idAt(i).compareTo(key) < 0) {
                removals.add(from.idAt(i++));
            }
            T old = i < from.size() && from.idAt(i).equals(key) ? from.entries().get(i++) : null;
            if (old != entry && !entry.equals(old)) {
                upserts.add(entry);
            }
        }
        while (i < from.size()) {
            removals.add(from.idAt(i++));
        }
        return new Changes<>(upserts, removals);
    }

    private static <T> Changes<T> changesBySearch(EntryTable<T> from, List<T> to) {
        List<T> upserts = new ArrayList<>();
        boolean[] kept = new boolean[from.size()];
        Set<String> added = new HashSet<>();
        for (T entry : to) {
            String key = from.idOf(entry);
            int index = from.indexOf(key);
            boolean duplicate = index >= 0 ? kept[index] : !added.add(key);
            if (key == null || duplicate) {
                throw new IllegalArgumentException("entry ids must be present and unique, "
                        + (key == null ? "an id is missing" : "duplicate id " + key));
            }
            if (index >= 0) {
                kept[index] = true;
            }
            T old = index >= 0 ? from.entries().get(index) : null;
            if (old != entry && !entry.equals(old)) {
                upserts.add(entry);
            }
        }
        List<String> removals = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            if (!kept[i]) {
                removals.add(from.idAt(i));
            }
        }
        return new Changes<>(upserts, removals);
    }

    /** One lookup per entry of {@code to}; the ids of {@code from} are only walked when some are gone. */
    private static <T> Changes<T> changes(Function<String, T> before, int beforeSize, Supplier<Collection<String>> beforeIds,
            List<T> to, Function<T, String> id) {
        List<T> upserts = new ArrayList<>();
        Set<String> seen = new HashSet<>(Math.max(16, to.size() * 2));
        int matched = 0;
        for (T entry : to) {
            String key = id.apply(entry);
            if (key == null || !seen.add(key)) {
                throw new IllegalArgumentException("entry ids must be present and unique, "
                        + (key == null ? "an id is missing" : "duplicate id " + key));
            }
            T old = before.apply(key);
            if (old != null) {
                matched++;
            }
            if (old != entry && !entry.equals(old)) {
                upserts.add(entry);
            }
        }
        List<String> removals = new ArrayList<>();
        if (matched < beforeSize) {
            for (String key : beforeIds.get()) {
                if (!seen.contains(key)) {
                    removals.add(key);
                }
            }
        }
        return new Changes<>(upserts, removals);
    }

    private static <T> Map<String, T> index(List<T> entries, Function<T, String> id) {
        Map<String, T> byId = new TreeMap<>();
        for (T entry : entries) {
            String key = id.apply(entry);
            if (key == null || byId.put(key, entry) != null) {
                throw new IllegalArgumentException("entry ids must be present and unique, " + (key == null ? "an id is missing"
                        : "duplicate id " + key));
            }
        }
        return byId;
    }

    private static <T> EntryTable<T> replay(String collection, EntryTable<T> base, Changes<T> changes) throws SnapshotDeltaException {
        try {
            return base.with(changes.upserts(), changes.removals());
        } catch (IllegalArgumentException e) {
            throw new SnapshotDeltaException(collection + ": " + e.getMessage());
        }
    }
}
