package dev.bulwark.controlplane.usage;

import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.contracts.event.UsageEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A decoded, validated stream entry: the producer's delivery id (the dedupe key), the tenant it
 * belongs to and the record itself: a {@link UsageAggregate}, a legacy per-request {@link UsageEvent}
 * a {@link SecurityEvent}, or (incident detectors only) an {@link EndpointAggregate}.
 */
public record DeliveredEvent(String deliveryId, UUID tenantId, Object event) {
    public UsageEvent usage() {
        return (UsageEvent) event;
    }

    public SecurityEvent security() {
        return (SecurityEvent) event;
    }

    /** Usage in either form (aggregate or legacy per-request). */
    public boolean isUsage() {
        return event instanceof UsageAggregate || event instanceof UsageEvent;
    }

    /**
     * When it happened: a usage aggregate's minute (what its dedupe record is partitioned by), a
     * legacy event's or security event's own time.
     */
    public Instant occurredAt() {
        return switch (event) {
            case UsageAggregate aggregate -> aggregate.minute();
            case EndpointAggregate aggregate -> aggregate.minute();
            case UsageEvent usage -> usage.at();
            case SecurityEvent security -> security.at();
            default -> throw new IllegalStateException("not an event: " + event.getClass());
        };
    }

    /** The latest request time and key id of a usage record (null key: none). */
    Instant lastUsedAt() {
        return event instanceof UsageAggregate aggregate ? aggregate.lastAt() : usage().at();
    }

    String keyId() {
        return event instanceof UsageAggregate aggregate ? aggregate.keyId() : usage().keyId();
    }
}
