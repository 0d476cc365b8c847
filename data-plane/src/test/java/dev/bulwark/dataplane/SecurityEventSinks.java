package dev.bulwark.dataplane;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.dataplane.event.EventSink;
import java.util.Queue;

/** Test helper: an event sink that keeps the security events a gateway records and drops usage. */
public final class SecurityEventSinks {
    private SecurityEventSinks() {
    }

    public static EventSink into(Queue<SecurityEvent> events) {
        return new EventSink() {
            @Override
            public void request(String tenantId, String apiId, String applicationId, String keyId, int status, long latencyMicros,
                                long requestBytes, long responseBytes) {
            }

            @Override
            public void security(SecurityEvent event) {
                events.add(event);
            }
        };
    }
}
