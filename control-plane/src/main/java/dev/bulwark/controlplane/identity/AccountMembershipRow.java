package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/**
 * A row of {@code membership} as identity writes it when a person joins a tenant ({@code created_at}
 * and {@code version} are the column defaults). Its key is (tenant_id, user_id); Micronaut Data
 * needs one {@code @Id}, and no method of {@link AccountMemberships} finds or writes by it alone.
 */
@MappedEntity("membership")
record AccountMembershipRow(TenantId tenantId, @Id UUID userId, Role role) {
}
