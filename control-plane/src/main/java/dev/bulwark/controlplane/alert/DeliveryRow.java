package dev.bulwark.controlplane.alert;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code alert_delivery}: one alert to one channel, and the outcome of its attempts. */
@MappedEntity("alert_delivery")
record DeliveryRow(@Id UUID id, TenantId tenantId, UUID channelId, @Nullable UUID incidentId, String event, String payload,
                   String status, int attempts, Instant nextAttemptAt, @Nullable Instant lastAttemptAt,
                   @Nullable Integer responseStatus, @Nullable String lastError, Instant createdAt,
                   @Nullable Instant deliveredAt) {
}
