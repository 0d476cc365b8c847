package dev.bulwark.controlplane.devportal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of a developer's own applications. */
public final class AppViews {
    private AppViews() {
    }

    public record DevApplication(UUID id, String name, String description, Instant createdAt,
                                 List<DevSubscription> subscriptions) {
    }

    public record DevSubscription(UUID id, UUID apiId, String apiName, UUID planId, String planName, String status,
                                  Instant createdAt) {
    }

    public record QuotaItem(UUID subscriptionId, UUID apiId, String apiName, UUID planId, String planName, String period,
                            long limit, long used, long remaining, Instant resetsAt) {
    }
}
