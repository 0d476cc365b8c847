package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.EventStreams;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts per stream in {@link LongAdder}s (cheap and contention-free on the event loops), exposed
 * once bound as {@code bulwark_events_queued_total}, {@code _shipped_total} and {@code _dropped_total},
 * each tagged {@code stream=usage|security}.
 */
final class EventShippingMetrics {
    private final Map<EventStreams.Kind, LongAdder> queued = adders();
    private final Map<EventStreams.Kind, LongAdder> shipped = adders();
    private final Map<EventStreams.Kind, LongAdder> dropped = adders();

    private static Map<EventStreams.Kind, LongAdder> adders() {
        Map<EventStreams.Kind, LongAdder> adders = new EnumMap<>(EventStreams.Kind.class);
        for (EventStreams.Kind kind : EventStreams.Kind.values()) {
            adders.put(kind, new LongAdder());
        }
        return adders;
    }

    void bindTo(MeterRegistry registry) {
        for (EventStreams.Kind kind : EventStreams.Kind.values()) {
            counter(registry, "bulwark.events.queued", "Events accepted for shipping", queued.get(kind), kind);
            counter(registry, "bulwark.events.shipped", "Events written to Redis Streams", shipped.get(kind), kind);
            counter(registry, "bulwark.events.dropped",
                    "Events dropped because the queue or spool was full (traffic is never held back by telemetry)",
                    dropped.get(kind), kind);
        }
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder adder, EventStreams.Kind kind) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tag("stream", kind.label()).register(registry);
    }

    void queued(EventStreams.Kind kind) {
        queued.get(kind).increment();
    }

    void shipped(EventStreams.Kind kind, long count) {
        shipped.get(kind).add(count);
    }

    void dropped(EventStreams.Kind kind) {
        dropped.get(kind).increment();
    }

    long queuedCount(EventStreams.Kind kind) {
        return queued.get(kind).sum();
    }

    long shippedCount(EventStreams.Kind kind) {
        return shipped.get(kind).sum();
    }

    long droppedCount(EventStreams.Kind kind) {
        return dropped.get(kind).sum();
    }
}
