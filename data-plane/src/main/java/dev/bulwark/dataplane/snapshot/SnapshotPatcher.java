package dev.bulwark.dataplane.snapshot;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.model.CompiledPlan;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.LayeredMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a change of keys and applications to the structures compiled for the previous snapshot:
 * the router, policies and plans are reused as they are, the key and application tables get a
 * layer of changes over their shared base ({@link LayeredMap}), and only the changed entries are validated (plus every key when an application goes).
 * Anything else (APIs or plans changed, unsorted input) returns null, for a full compilation.
 */
final class SnapshotPatcher {
    private SnapshotPatcher() {
    }

    static CompiledSnapshot patch(Snapshot previous, CompiledSnapshot compiled, Snapshot next) throws InvalidSnapshotException {
        if (next.schemaVersion() != Snapshot.SCHEMA_VERSION || !Objects.equals(previous.environment(), next.environment())
                || next.version() < 1) {
            return null;
        }
        EntryDiff<ApiEntry> apis = EntryDiff.of(previous.apis(), next.apis(), ApiEntry::apiId);
        EntryDiff<PlanEntry> plans = EntryDiff.of(previous.plans(), next.plans(), PlanEntry::planId);
        if (apis == null || plans == null || !apis.isEmpty() || !plans.isEmpty()) {
            return null;
        }
        EntryDiff<ApplicationEntry> applications = EntryDiff.of(previous.applications(), next.applications(),
                ApplicationEntry::applicationId);
        EntryDiff<ApiKeyEntry> keys = EntryDiff.of(previous.apiKeys(), next.apiKeys(), ApiKeyEntry::keyId);
        if (applications == null || keys == null) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        Map<String, ApplicationEntry> applicationTable = compiled.applications();
        boolean applicationRemoved = false;
        if (!applications.isEmpty()) {
            Set<String> removedApplications = new HashSet<>();
            Map<String, ApplicationEntry> putApplications = new HashMap<>();
            Set<String> removedIds = new HashSet<>();
            for (ApplicationEntry old : applications.before()) {
                removedIds.add(old.applicationId());
                removedApplications.add(old.applicationId());
                removedApplications.addAll(old.clientIds());
            }
            for (ApplicationEntry application : applications.after()) {
                String at = "applications[" + application.applicationId() + "]";
                if (application.applicationId().isBlank()) {
                    problems.add(at + ".applicationId: is required");
                }
                application.planByApi().forEach((apiId, planId) -> {
                    CompiledPlan plan = compiled.plan(planId);
                    if (plan == null || !plan.plan().apiId().equals(apiId)) {
                        problems.add(at + ".planByApi." + apiId + ": names no plan of that API");
                    }
                });
                putApplications.put(application.applicationId(), application);
                for (String clientId : application.clientIds()) {
                    putApplications.put(clientId, application);
                }
            }
            applicationTable = layered(applicationTable).with(removedApplications, putApplications);
            applicationRemoved = !putApplications.keySet().containsAll(removedIds);
        }
        Map<String, ApiKeyEntry> keyTable = compiled.apiKeysByLookupId();
        if (!keys.isEmpty()) {
            LayeredMap<String, ApiKeyEntry> before = layered(keyTable);
            Set<String> removedLookups = new HashSet<>();
            for (ApiKeyEntry old : keys.before()) {
                if (old.equals(before.get(old.lookupId()))) {
                    removedLookups.add(old.lookupId());
                }
            }
            Map<String, ApiKeyEntry> putKeys = new HashMap<>();
            for (ApiKeyEntry key : keys.after()) {
                String at = "apiKeys[" + key.keyId() + "]";
                require(notBlank(key.keyId()), at + ".keyId: is required", problems);
                require(notBlank(key.digest()), at + ".digest: is required", problems);
                require(applicationTable.containsKey(key.applicationId()), at + ".applicationId: names no application of the snapshot",
                        problems);
                if (require(notBlank(key.lookupId()), at + ".lookupId: is required", problems)) {
                    boolean taken = before.containsKey(key.lookupId()) && !removedLookups.contains(key.lookupId());
                    require(!taken && putKeys.putIfAbsent(key.lookupId(), key) == null,
                            at + ".lookupId: duplicates another key's lookup id", problems);
                }
            }
            keyTable = before.with(removedLookups, putKeys);
        }
        if (applicationRemoved) {
            // Rare (an application lost its last subscription): every key must still name one.
            for (ApiKeyEntry key : next.apiKeys()) {
                require(applicationTable.containsKey(key.applicationId()),
                        "apiKeys[" + key.keyId() + "].applicationId: names no application of the snapshot", problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSnapshotException(problems);
        }
        return new CompiledSnapshot(next.version(), next.environment(), next.contentHash(), compiled.router(), keyTable,
                applicationTable, compiled.plans());
    }

    private static <V> LayeredMap<String, V> layered(Map<String, V> table) {
        return table instanceof LayeredMap<String, V> layered ? layered : LayeredMap.of(table);
    }

    private static boolean require(boolean condition, String problem, List<String> problems) {
        if (!condition) {
            problems.add(problem);
        }
        return condition;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
