package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.policy.IpFilterConfig;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds blocked client addresses into the APIs' {@code ip-filter} policy: merged into the deny list
 * of the API's own filter (keeping its allow list and trusted proxies, so the client address is
 * found the same way), or a deny-only filter when the API has none.
 */
final class RestrictionsApplied {
    private RestrictionsApplied() {
    }

    static List<ApiEntry> blockAddresses(List<ApiEntry> apis, Map<String, List<String>> blockedByTenant) {
        if (blockedByTenant.isEmpty()) {
            return apis;
        }
        List<ApiEntry> result = new ArrayList<>(apis.size());
        for (ApiEntry api : apis) {
            List<String> blocked = blockedByTenant.get(api.tenantId());
            result.add(blocked == null || blocked.isEmpty() ? api : withDenied(api, blocked));
        }
        return result;
    }

    private static ApiEntry withDenied(ApiEntry api, List<String> blocked) {
        List<PolicyConfig> policies = new ArrayList<>();
        IpFilterConfig own = null;
        for (PolicyConfig policy : api.policies()) {
            if (policy instanceof IpFilterConfig filter && own == null) {
                own = filter;
            } else {
                policies.add(policy);
            }
        }
        Set<String> deny = new LinkedHashSet<>(own == null ? List.of() : own.deny());
        deny.addAll(blocked.stream().sorted().toList());
        policies.add(new IpFilterConfig(own == null ? List.of() : own.allow(), List.copyOf(deny),
                own == null ? List.of() : own.trustedProxies()));
        policies.sort(java.util.Comparator.comparing(PolicyConfig::type));
        return new ApiEntry(api.apiId(), api.tenantId(), api.name(), api.host(), api.basePath(), api.upstreams(), api.operations(),
                policies, api.allowedPrivateCidrs(), api.deniedEndpoints(), api.schemas());
    }
}
