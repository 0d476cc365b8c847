package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API of a tenant as stored; {@code openapi} is the document text as uploaded. */
public record Api(UUID id, TenantId tenantId, String name, String versionLabel, String host, String basePath,
                  String openapi, Lifecycle lifecycle, boolean allowPrivateUpstreams, List<PolicyConfig> policies,
                  Instant createdAt, Instant updatedAt, long version) {

    public Api {
        policies = List.copyOf(policies);
    }

    public Api withLifecycle(Lifecycle next) {
        return new Api(id, tenantId, name, versionLabel, host, basePath, openapi, next, allowPrivateUpstreams,
                policies, createdAt, updatedAt, version);
    }

    public Api withPolicies(List<PolicyConfig> next) {
        return new Api(id, tenantId, name, versionLabel, host, basePath, openapi, lifecycle, allowPrivateUpstreams,
                next, createdAt, updatedAt, version);
    }
}
