package dev.bulwark.contracts.snapshot;

import java.time.Instant;

/**
 * A snapshot held as four {@link EntryTable}s, so that a delta applies, and its result hashes, in
 * proportion to the number of changed entries. Both planes keep the snapshot in force in this form;
 * {@link #snapshot()} gives the plain record (built once) for serialisation and compilation.
 */
public final class IndexedSnapshot {
    private final int schemaVersion;
    private final long version;
    private final String environment;
    private final Instant createdAt;
    private final EntryTable<ApiEntry> apis;
    private final EntryTable<PlanEntry> plans;
    private final EntryTable<ApplicationEntry> applications;
    private final EntryTable<ApiKeyEntry> apiKeys;
    private final String contentHash;
    private volatile Snapshot snapshot;

    public IndexedSnapshot(int schemaVersion, long version, String environment, Instant createdAt, EntryTable<ApiEntry> apis,
            EntryTable<PlanEntry> plans, EntryTable<ApplicationEntry> applications, EntryTable<ApiKeyEntry> apiKeys) {
        this.schemaVersion = schemaVersion;
        this.version = version;
        this.environment = environment;
        this.createdAt = createdAt;
        this.apis = apis;
        this.plans = plans;
        this.applications = applications;
        this.apiKeys = apiKeys;
        this.contentHash = SnapshotHash.combine(schemaVersion, environment, apis.rawDigest(), plans.rawDigest(),
                applications.rawDigest(), apiKeys.rawDigest());
    }

    /**
     * Indexes and hashes every entry of a snapshot (its declared content hash is ignored: compare it
     * with {@link #contentHash()} to verify it).
     *
     * @throws IllegalArgumentException when ids are missing or repeated
     */
    public static IndexedSnapshot of(Snapshot snapshot) {
        return new IndexedSnapshot(snapshot.schemaVersion(), snapshot.version(), snapshot.environment(), snapshot.createdAt(),
                EntryTable.of(snapshot.apis(), ApiEntry::apiId),
                EntryTable.of(snapshot.plans(), PlanEntry::planId),
                EntryTable.of(snapshot.applications(), ApplicationEntry::applicationId),
                EntryTable.of(snapshot.apiKeys(), ApiKeyEntry::keyId));
    }

    /** Same content under another version and publication time (the hash does not change). */
    public IndexedSnapshot as(long newVersion, Instant newCreatedAt) {
        return new IndexedSnapshot(schemaVersion, newVersion, environment, newCreatedAt, apis, plans, applications, apiKeys);
    }

    /** The plain record, entries in id order, stamped with the computed content hash. */
    public Snapshot snapshot() {
        Snapshot built = snapshot;
        if (built == null) {
            built = new Snapshot(schemaVersion, version, environment, contentHash, createdAt, apis.entries(), plans.entries(),
                    applications.entries(), apiKeys.entries());
            snapshot = built;
        }
        return built;
    }

    public boolean isEmpty() {
        return apis.size() == 0 && plans.size() == 0 && applications.size() == 0 && apiKeys.size() == 0;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public long version() {
        return version;
    }

    public String environment() {
        return environment;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String contentHash() {
        return contentHash;
    }

    public EntryTable<ApiEntry> apis() {
        return apis;
    }

    public EntryTable<PlanEntry> plans() {
        return plans;
    }

    public EntryTable<ApplicationEntry> applications() {
        return applications;
    }

    public EntryTable<ApiKeyEntry> apiKeys() {
        return apiKeys;
    }
}
