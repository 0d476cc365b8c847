package dev.bulwark.controlplane.plan;

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

/** A row of {@code plan}: the {@link Plan} with its tenant. */
@MappedEntity("plan")
record PlanRow(@Id UUID id, TenantId tenantId, UUID apiId, String name, @Nullable String description,
               @TypeDef(type = DataType.JSON) List<String> allowedOperations,
               @TypeDef(type = DataType.JSON) @MappedProperty(converter = PolicyListConverter.class)
               List<PolicyConfig> policies,
               Plan.Approval approval, Instant createdAt, long version) {

    static PlanRow of(TenantId tenant, Plan plan) {
        return new PlanRow(plan.id(), tenant, plan.apiId(), plan.name(), plan.description(), plan.allowedOperations(),
                plan.policies(), plan.approval(), plan.createdAt(), plan.version());
    }

    Plan toPlan() {
        return new Plan(id, apiId, name, description, allowedOperations, policies, approval, createdAt, version);
    }
}
