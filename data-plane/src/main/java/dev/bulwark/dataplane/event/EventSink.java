package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.UsageEvent;

/**
 * Where the pipeline reports what happened to a request. Called on the event loop: an
 * implementation must return at once, never block, and never fail the request it reports.
 */
public interface EventSink {
    void usage(UsageEvent event);

    void security(SecurityEvent event);
}
