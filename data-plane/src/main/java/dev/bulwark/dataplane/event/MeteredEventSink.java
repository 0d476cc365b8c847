package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts events in metrics only, for gateways started without Redis Streams shipping (tests,
 * embedding): every request and security event shows up in {@code bulwark_events_total}.
 */
public final class MeteredEventSink implements EventSink {
    private final Counter usage;
    private final Map<SecurityEventType, Counter> security = new EnumMap<>(SecurityEventType.class);

    public MeteredEventSink(MeterRegistry metrics) {
        usage = Counter.builder("bulwark.events").tag("kind", "usage").tag("type", "request")
                .description("Events emitted by the pipeline").register(metrics);
        for (SecurityEventType type : SecurityEventType.values()) {
            security.put(type, Counter.builder("bulwark.events").tag("kind", "security")
                    .tag("type", type.name().toLowerCase(java.util.Locale.ROOT)).register(metrics));
        }
    }

    @Override
    public void request(String tenantId, String apiId, String applicationId, String keyId, int status,
                        long latencyMicros, long requestBytes, long responseBytes) {
        usage.increment();
    }

    @Override
    public void security(SecurityEvent event) {
        security.get(event.type()).increment();
    }
}
