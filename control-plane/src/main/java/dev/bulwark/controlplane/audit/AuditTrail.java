package dev.bulwark.controlplane.audit;

import dev.bulwark.controlplane.kernel.Principal;

/**
 * Records a change in the tenant's append-only, hash-chained audit log, inside the caller's
 * transaction so that the change and its record commit or roll back together.
 * {@code before}/{@code after} are serialised to JSON; pass views without secrets.
 */
public interface AuditTrail {
    void record(Principal actor, String action, String resourceType, String resourceId, Object before, Object after);
}
