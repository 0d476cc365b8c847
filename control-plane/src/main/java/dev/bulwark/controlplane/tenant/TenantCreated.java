package dev.bulwark.controlplane.tenant;

import dev.bulwark.controlplane.kernel.TenantId;
import java.time.Instant;

/**
 * Published inside the transaction that creates a tenant; synchronous listeners (its billing plan)
 * write in the same transaction, so a tenant never exists without what they add.
 */
public record TenantCreated(TenantId tenantId, Instant at) {
}
