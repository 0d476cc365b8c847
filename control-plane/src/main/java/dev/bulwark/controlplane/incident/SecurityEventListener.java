package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.usage.DeliveredEvent;
import java.util.List;

/**
 * Told of the security events the detectors see for the first time, inside the detectors'
 * transaction (so what it writes commits, or is retried, with the batch: never twice, never lost).
 */
public interface SecurityEventListener {
    void received(List<DeliveredEvent> events);
}
