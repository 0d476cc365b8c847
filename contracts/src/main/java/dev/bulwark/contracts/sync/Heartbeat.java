package dev.bulwark.contracts.sync;

import java.time.Instant;

/**
 * Liveness, both ways, every few seconds.
 *
 * @param version the sender's current version: latest published (control plane) or applied (data plane)
 */
public record Heartbeat(Instant at, long version) implements SyncMessage {
    public static final String TYPE = "heartbeat";
}
