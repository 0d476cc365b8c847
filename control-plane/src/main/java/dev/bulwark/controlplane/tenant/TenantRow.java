package dev.bulwark.controlplane.tenant;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The columns of {@code tenant} this package reads and writes; its id is the tenant's {@link TenantId}. */
@MappedEntity("tenant")
record TenantRow(@Id TenantId id, String slug, String name, long version) {

    Tenants.Tenant toTenant() {
        return new Tenants.Tenant(id, slug, name);
    }
}
