package dev.bulwark.dataplane.model;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import java.util.Map;

/**
 * A snapshot turned into lookup structures. Immutable: the gateway swaps the whole object
 * atomically, and each request keeps the one it started with.
 */
public record CompiledSnapshot(
        long version,
        String environment,
        String contentHash,
        Router router,
        Map<String, ApiKeyEntry> apiKeysByLookupId,
        Map<String, ApplicationEntry> applications,
        Map<String, CompiledPlan> plans) {

    public CompiledSnapshot {
        // A patched table is already immutable and shares its base: copying it would cost O(keys) per change.
        apiKeysByLookupId = apiKeysByLookupId instanceof LayeredMap ? apiKeysByLookupId : Map.copyOf(apiKeysByLookupId);
        applications = applications instanceof LayeredMap ? applications : Map.copyOf(applications);
        plans = Map.copyOf(plans);
    }

    public ApiKeyEntry apiKey(String lookupId) {
        return apiKeysByLookupId.get(lookupId);
    }

    /** By application id, or by one of its further OAuth client ids (a secret rotation's overlap). */
    public ApplicationEntry application(String applicationId) {
        return applications.get(applicationId);
    }

    public CompiledPlan plan(String planId) {
        return plans.get(planId);
    }
}
