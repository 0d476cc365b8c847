package dev.bulwark.controlplane.application;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code application}: the {@link Application} with the tenant it belongs to. */
@MappedEntity("application")
record ApplicationRow(@Id UUID id, TenantId tenantId, UUID developerId, String name, @Nullable String description,
                      Instant createdAt) {

    static ApplicationRow of(TenantId tenant, Application application) {
        return new ApplicationRow(application.id(), tenant, application.developerId(), application.name(),
                application.description(), application.createdAt());
    }

    Application toApplication() {
        return new Application(id, developerId, name, description, createdAt);
    }
}
