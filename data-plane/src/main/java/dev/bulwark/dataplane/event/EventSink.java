package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.UsageEvent;

/**
 * Where the pipeline reports what happened: one usage event per request, one security event per
 * security rejection. Called on the event loop: implementations must not block.
 */
public interface EventSink {
    void usage(UsageEvent event);

    void security(SecurityEvent event);
}
