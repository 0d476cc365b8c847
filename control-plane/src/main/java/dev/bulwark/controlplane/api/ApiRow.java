package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.PolicyListConverter;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code api}; {@link Api} is the same fields as the rest of the control plane sees them. */
@MappedEntity("api")
record ApiRow(@Id UUID id, TenantId tenantId, String name, @Nullable String versionLabel, @Nullable String host,
              String basePath, String openapi, Lifecycle lifecycle, boolean allowPrivateUpstreams,
              @TypeDef(type = DataType.JSON) @MappedProperty(converter = PolicyListConverter.class)
              List<PolicyConfig> policies,
              Instant createdAt, Instant updatedAt, long version) {

    static ApiRow of(Api api) {
        return new ApiRow(api.id(), api.tenantId(), api.name(), api.versionLabel(), api.host(), api.basePath(),
                api.openapi(), api.lifecycle(), api.allowPrivateUpstreams(), api.policies(), api.createdAt(),
                api.updatedAt(), api.version());
    }

    Api toApi() {
        return new Api(id, tenantId, name, versionLabel, host, basePath, openapi, lifecycle, allowPrivateUpstreams,
                policies, createdAt, updatedAt, version);
    }
}
