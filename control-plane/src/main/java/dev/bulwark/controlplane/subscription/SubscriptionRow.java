package dev.bulwark.controlplane.subscription;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code subscription}: the {@link Subscription} with its tenant. */
@MappedEntity("subscription")
record SubscriptionRow(@Id UUID id, TenantId tenantId, UUID applicationId, UUID apiId, UUID planId,
                       Subscription.Status status, Instant createdAt, @Nullable Instant decidedAt,
                       @Nullable UUID decidedBy) {

    static SubscriptionRow of(TenantId tenant, Subscription subscription) {
        return new SubscriptionRow(subscription.id(), tenant, subscription.applicationId(), subscription.apiId(),
                subscription.planId(), subscription.status(), subscription.createdAt(), subscription.decidedAt(),
                subscription.decidedBy());
    }

    Subscription toSubscription() {
        return new Subscription(id, applicationId, apiId, planId, status, createdAt, decidedAt, decidedBy);
    }
}
