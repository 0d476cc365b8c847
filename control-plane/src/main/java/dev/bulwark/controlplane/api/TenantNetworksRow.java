package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** The one column of {@code tenant} this package owns: the private networks the platform operator granted the tenant. */
@MappedEntity("tenant")
record TenantNetworksRow(@Id TenantId id, @TypeDef(type = DataType.STRING_ARRAY) String[] privateUpstreamCidrs) {
}
