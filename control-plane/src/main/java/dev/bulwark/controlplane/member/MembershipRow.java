package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code membership}. Its key is (tenant_id, user_id); Micronaut Data needs one
 * {@code @Id}, and no method of {@link Members} finds or writes by it alone.
 */
@MappedEntity("membership")
record MembershipRow(TenantId tenantId, @Id UUID userId, Role role, Instant createdAt, long version) {
}
