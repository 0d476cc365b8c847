package dev.bulwark.contracts.sync;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;

/** Upserts and removals for each keyed collection of a snapshot. */
public record SnapshotChanges(
        Changes<ApiEntry> apis,
        Changes<PlanEntry> plans,
        Changes<ApplicationEntry> applications,
        Changes<ApiKeyEntry> apiKeys) {

    public static final SnapshotChanges NONE = new SnapshotChanges(null, null, null, null);

    public SnapshotChanges {
        apis = apis == null ? Changes.none() : apis;
        plans = plans == null ? Changes.none() : plans;
        applications = applications == null ? Changes.none() : applications;
        apiKeys = apiKeys == null ? Changes.none() : apiKeys;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return apis.isEmpty() && plans.isEmpty() && applications.isEmpty() && apiKeys.isEmpty();
    }

    public int size() {
        return apis.size() + plans.size() + applications.size() + apiKeys.size();
    }
}
