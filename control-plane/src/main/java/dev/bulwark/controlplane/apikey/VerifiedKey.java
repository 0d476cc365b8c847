package dev.bulwark.controlplane.apikey;

import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who a presented key belongs to, when it is valid right now. */
public record VerifiedKey(UUID keyId, TenantId tenantId, UUID applicationId, List<String> scopes,
                          Environment environment, Instant expiresAt) {
}
