package dev.bulwark.controlplane.usage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.UsageEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a stream entry into a {@link DeliveredEvent}, or says why it is refused. A refused entry is
 * acknowledged and counted, never retried: retrying cannot make it valid, and it must not block
 * the entries behind it. Unknown JSON fields are ignored so gateways can be upgraded first.
 */
final class EventDecoder {
    private static final int MAX_ID = 128;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Clock clock;
    private final Duration lateCutoff;

    EventDecoder(Clock clock, Duration lateCutoff) {
        this.clock = clock;
        this.lateCutoff = lateCutoff;
    }

    /** Either an event or the reason (a short metric label) it was refused. */
    record Decoded(DeliveredEvent event, String refusal) {
        static Decoded refused(String reason) {
            return new Decoded(null, reason);
        }
    }

    Decoded decode(EventStreams.Kind kind, Map<String, String> fields) {
        if (fields == null || !EventStreams.SCHEMA_VERSION.equals(fields.get(EventStreams.FIELD_VERSION))) {
            return Decoded.refused("version");
        }
        String deliveryId = fields.get(EventStreams.FIELD_ID);
        String body = fields.get(EventStreams.FIELD_EVENT);
        if (!boundedId(deliveryId) || body == null) {
            return Decoded.refused("malformed");
        }
        try {
            return kind == EventStreams.Kind.USAGE ? usage(deliveryId, json.readValue(body, UsageEvent.class))
                    : security(deliveryId, json.readValue(body, SecurityEvent.class));
        } catch (IOException | IllegalArgumentException e) {
            return Decoded.refused("malformed");
        }
    }

    private Decoded usage(String deliveryId, UsageEvent event) {
        if (event.status() < 100 || event.status() > 599 || event.latencyMicros() < 0 || event.requestBytes() < 0
                || event.responseBytes() < 0 || !optionalId(event.apiId()) || !optionalId(event.applicationId())) {
            return Decoded.refused("malformed");
        }
        return accepted(deliveryId, event.tenantId(), event.at(), event);
    }

    private Decoded security(String deliveryId, SecurityEvent event) {
        if (event.type() == null || event.errorKey() == null || !optionalId(event.apiId()) || !optionalId(event.applicationId())) {
            return Decoded.refused("malformed");
        }
        return accepted(deliveryId, event.tenantId(), event.at(), event);
    }

    private Decoded accepted(String deliveryId, String tenant, Instant at, Object event) {
        if (tenant == null || at == null) {
            return Decoded.refused("malformed");
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(lateCutoff))) {
            return Decoded.refused("late");
        }
        if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return Decoded.refused("future");
        }
        return new Decoded(new DeliveredEvent(deliveryId, UUID.fromString(tenant), event), null);
    }

    private static boolean boundedId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID;
    }

    private static boolean optionalId(String id) {
        return id == null || id.length() <= MAX_ID;
    }
}
