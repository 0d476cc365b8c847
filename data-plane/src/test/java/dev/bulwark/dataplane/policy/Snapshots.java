package dev.bulwark.dataplane.policy;

import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.dataplane.model.CompiledPlan;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compiled snapshots built directly, for policy tests. */
public final class Snapshots {
    private Snapshots() {
    }

    public static CompiledSnapshot of(List<ApiKeyEntry> keys, List<ApplicationEntry> applications, List<CompiledPlan> plans) {
        return of("test", keys, applications, plans);
    }

    /** @param environment what the gateway serves: {@code production}, {@code staging}, or another name */
    public static CompiledSnapshot of(String environment, List<ApiKeyEntry> keys, List<ApplicationEntry> applications,
                                      List<CompiledPlan> plans) {
        return new CompiledSnapshot(1, environment, "hash", (host, method, path) -> null,
                keys.stream().collect(Collectors.toMap(ApiKeyEntry::lookupId, Function.identity())),
                applications.stream().collect(Collectors.toMap(ApplicationEntry::applicationId, Function.identity())),
                plans.stream().collect(Collectors.toMap(plan -> plan.plan().planId(), Function.identity())));
    }

    public static CompiledSnapshot empty() {
        return of(List.of(), List.of(), List.of());
    }

    public static Map<String, String> subscription(String apiId, String planId) {
        return Map.of(apiId, planId);
    }
}
