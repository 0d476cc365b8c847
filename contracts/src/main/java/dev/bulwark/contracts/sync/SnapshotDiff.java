package dev.bulwark.contracts.sync;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Pure functions between two snapshots of one environment: {@link #diff} computes the delta,
 * {@link #apply} replays it and proves the result by its content hash. Entries are compared whole
 * (records are values), so a changed API is sent whole, never field by field.
 */
public final class SnapshotDiff {
    private SnapshotDiff() {
    }

    /** The delta that turns {@code from} into {@code to}. Both must be stamped with their content hash. */
    public static SnapshotDelta diff(Snapshot from, Snapshot to) {
        if (!Objects.equals(from.environment(), to.environment())) {
            throw new IllegalArgumentException("cannot diff environment " + from.environment() + " against " + to.environment());
        }
        if (from.schemaVersion() != to.schemaVersion()) {
            throw new IllegalArgumentException("cannot diff across schema versions " + from.schemaVersion() + " and " + to.schemaVersion());
        }
        SnapshotChanges changes = new SnapshotChanges(
                changes(from.apis(), to.apis(), ApiEntry::apiId),
                changes(from.plans(), to.plans(), PlanEntry::planId),
                changes(from.applications(), to.applications(), ApplicationEntry::applicationId),
                changes(from.apiKeys(), to.apiKeys(), ApiKeyEntry::keyId));
        return new SnapshotDelta(to.environment(), to.schemaVersion(), from.version(), from.contentHash(), to.version(),
                to.contentHash(), to.createdAt(), changes);
    }

    /**
     * Replays a delta on exactly the snapshot it was computed from.
     *
     * @throws SnapshotDeltaException when {@code base} is not the delta's origin, the delta does not
     *                                fit it, or the result does not hash to {@code toHash}
     */
    public static Snapshot apply(Snapshot base, SnapshotDelta delta) throws SnapshotDeltaException {
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
        SnapshotChanges changes = delta.changes();
        Snapshot result = new Snapshot(base.schemaVersion(), delta.toVersion(), base.environment(), delta.toHash(),
                delta.createdAt(),
                replay("apis", base.apis(), changes.apis(), ApiEntry::apiId),
                replay("plans", base.plans(), changes.plans(), PlanEntry::planId),
                replay("applications", base.applications(), changes.applications(), ApplicationEntry::applicationId),
                replay("apiKeys", base.apiKeys(), changes.apiKeys(), ApiKeyEntry::keyId));
        if (!SnapshotHash.verifies(result)) {
            throw new SnapshotDeltaException("result of the delta to version " + delta.toVersion()
                    + " does not match its content hash");
        }
        return result;
    }

    private static <T> Changes<T> changes(List<T> from, List<T> to, Function<T, String> id) {
        Map<String, T> before = index(from, id);
        Map<String, T> after = index(to, id);
        List<T> upserts = new ArrayList<>();
        after.forEach((key, entry) -> {
            if (!entry.equals(before.get(key))) {
                upserts.add(entry);
            }
        });
        List<String> removals = before.keySet().stream().filter(key -> !after.containsKey(key)).toList();
        return new Changes<>(upserts, removals);
    }

    private static <T> List<T> replay(String collection, List<T> base, Changes<T> changes, Function<T, String> id)
            throws SnapshotDeltaException {
        TreeMap<String, T> entries = index(base, id);
        for (String removed : changes.removals()) {
            if (entries.remove(removed) == null) {
                throw new SnapshotDeltaException(collection + ": removes " + removed + ", which the snapshot does not have");
            }
        }
        for (T upsert : changes.upserts()) {
            String key = id.apply(upsert);
            if (key == null) {
                throw new SnapshotDeltaException(collection + ": an upserted entry has no id");
            }
            entries.put(key, upsert);
        }
        return List.copyOf(entries.values());
    }

    private static <T> TreeMap<String, T> index(List<T> entries, Function<T, String> id) {
        TreeMap<String, T> byId = new TreeMap<>();
        for (T entry : entries) {
            String key = id.apply(entry);
            if (key == null || byId.put(key, entry) != null) {
                throw new IllegalArgumentException("entry ids must be present and unique, " + (key == null ? "an id is missing"
                        : "duplicate id " + key));
            }
        }
        return byId;
    }
}
