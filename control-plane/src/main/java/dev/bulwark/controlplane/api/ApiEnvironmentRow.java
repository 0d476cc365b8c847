package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code api_environment}. Its key is (api_id, environment); Micronaut Data needs one
 * {@code @Id}, and no method of {@link ApiEnvironmentRepository} finds or writes by it alone.
 */
@MappedEntity("api_environment")
record ApiEnvironmentRow(TenantId tenantId, @Id UUID apiId, Environment environment,
                         @TypeDef(type = DataType.JSON) List<String> upstreamUrls, boolean enabled) {

    EnvironmentConfig toConfig() {
        return new EnvironmentConfig(environment, upstreamUrls, enabled);
    }
}
