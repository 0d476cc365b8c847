package dev.bulwark.billing.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * A metered event as the gateway reports it. {@code id} is chosen by the producer and identifies
 * the event across retries: the same event sent twice is counted once.
 */
public record UsageRecord(String id, String subscriptionId, String meter, long quantity, Instant timestamp) {

    public UsageRecord {
        requireText(id, "id");
        requireText(subscriptionId, "subscriptionId");
        requireText(meter, "meter");
        Objects.requireNonNull(timestamp, "timestamp");
        if (quantity < 0) {
            // Corrections are credits on the invoice, not negative usage.
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
