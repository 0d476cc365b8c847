package dev.bulwark.contracts.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Liveness, both ways, every few seconds. A data plane's heartbeat also carries its circuit
 * breakers that are not closed, so the console can show them; the control plane sends none.
 *
 * @param version  the sender's current version: latest published (control plane) or applied (data plane)
 * @param breakers data plane only: every breaker that is open or half-open (at most
 *                 {@link BreakerStatus#MAX_REPORTED}); empty or absent when all are closed
 */
public record Heartbeat(Instant at, long version,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<BreakerStatus> breakers) implements SyncMessage {
    public static final String TYPE = "heartbeat";

    public Heartbeat {
        breakers = breakers == null ? List.of() : List.copyOf(breakers);
    }

    public Heartbeat(Instant at, long version) {
        this(at, version, List.of());
    }
}
