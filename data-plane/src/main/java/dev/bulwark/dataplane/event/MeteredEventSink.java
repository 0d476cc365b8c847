package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.SecurityEventType;
import dev.bulwark.contracts.event.UsageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts events in metrics until they are shipped to Redis Streams (a later issue): nothing is
 * lost silently, every event shows up in {@code bulwark_events_total}.
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
    public void usage(UsageEvent event) {
        usage.increment();
    }

    @Override
    public void security(SecurityEvent event) {
        security.get(event.type()).increment();
    }
}
