package dev.bulwark.controlplane.usage;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.UsageEvent;
import java.util.UUID;

/**
 * A decoded, validated stream entry: the producer's delivery id (the dedupe key), the tenant it
 * belongs to and the event itself ({@link UsageEvent} or {@link SecurityEvent}).
 */
public record DeliveredEvent(String deliveryId, UUID tenantId, Object event) {
    public UsageEvent usage() {
        return (UsageEvent) event;
    }

    public SecurityEvent security() {
        return (SecurityEvent) event;
    }
}
