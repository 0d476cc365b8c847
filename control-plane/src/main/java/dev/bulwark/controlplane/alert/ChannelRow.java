package dev.bulwark.controlplane.alert;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code alert_channel}; {@code secretSealed} is the webhook secret sealed by the KEK;
 * {@code securityEvents}: the gateways' security events are forwarded too (opt-in).
 */
@MappedEntity("alert_channel")
record ChannelRow(@Id UUID id, TenantId tenantId, String name, String kind, @Nullable String url, @Nullable String host,
                  @Nullable Integer port, boolean tls, @Nullable String format, @Nullable String caCertificate,
                  @Nullable byte[] secretSealed, @Nullable String kekId, String minSeverity, boolean enabled,
                  Instant createdAt, boolean securityEvents) {
}
