package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.PolicyListConverter;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.util.List;
import java.util.UUID;

/** A row of {@code api_operation}: the {@link Operation} with its tenant. */
@MappedEntity("api_operation")
record OperationRow(@Id UUID id, TenantId tenantId, UUID apiId, String operationKey, String method, String pathTemplate,
                    @TypeDef(type = DataType.JSON) List<String> requiredScopes,
                    @TypeDef(type = DataType.JSON) @MappedProperty(converter = PolicyListConverter.class)
                    List<PolicyConfig> policies) {

    Operation toOperation() {
        return new Operation(id, apiId, operationKey, method, pathTemplate, requiredScopes, policies);
    }
}
