package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.EventStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters per stream ({@code bulwark_events_queued_total}, {@code _shipped_total}, {@code _dropped_total},
 * each tagged {@code stream=usage|security}); the sink registers the queue and spool gauges itself.
 */
final class EventShippingMetrics {
    private final Map<EventStreams.Kind, Counter> queued = new EnumMap<>(EventStreams.Kind.class);
    private final Map<EventStreams.Kind, Counter> shipped = new EnumMap<>(EventStreams.Kind.class);
    private final Map<EventStreams.Kind, Counter> dropped = new EnumMap<>(EventStreams.Kind.class);

    EventShippingMetrics(MeterRegistry registry) {
        for (EventStreams.Kind kind : EventStreams.Kind.values()) {
            queued.put(kind, counter(registry, "bulwark.events.queued", "Events accepted for shipping", kind));
            shipped.put(kind, counter(registry, "bulwark.events.shipped", "Events written to Redis Streams", kind));
            dropped.put(kind, counter(registry, "bulwark.events.dropped",
                    "Events dropped because the queue or spool was full (traffic is never held back by telemetry)", kind));
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description, EventStreams.Kind kind) {
        return Counter.builder(name).description(description).tag("stream", kind.label()).register(registry);
    }

    void queued(EventStreams.Kind kind) {
        queued.get(kind).increment();
    }

    void shipped(EventStreams.Kind kind, long count) {
        shipped.get(kind).increment(count);
    }

    void dropped(EventStreams.Kind kind) {
        dropped.get(kind).increment();
    }

    long queuedCount(EventStreams.Kind kind) {
        return (long) queued.get(kind).count();
    }

    long shippedCount(EventStreams.Kind kind) {
        return (long) shipped.get(kind).count();
    }

    long droppedCount(EventStreams.Kind kind) {
        return (long) dropped.get(kind).count();
    }
}
