package dev.bulwark.controlplane.usage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.contracts.event.EventStreams;
import dev.bulwark.contracts.event.LatencyBuckets;
import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.contracts.event.UsageAggregate;
import dev.bulwark.contracts.event.UsageEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a stream entry into a {@link DeliveredEvent}, or says why it is refused. Usage entries of
 * version 2 carry a {@link UsageAggregate}; version 1 the legacy per-request {@link UsageEvent}, still
 * decoded so entries written before the gateways were upgraded are counted. A refused entry is
 * acknowledged and counted, never retried: retrying cannot make it valid, and it must not block
 * the entries behind it. Unknown JSON fields are ignored so gateways can be upgraded first.
 */
public final class EventDecoder {
    private static final int MAX_ID = 128;
    /** A normalised endpoint label: six segments of at most 40 characters, the method, braces. */
    private static final int MAX_ENDPOINT = 512;
    private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Clock clock;
    private final Duration lateCutoff;

    public EventDecoder(Clock clock, Duration lateCutoff) {
        this.clock = clock;
        this.lateCutoff = lateCutoff;
    }

    /** Either an event or the reason (a short metric label) it was refused. */
    public record Decoded(DeliveredEvent event, String refusal) {
        static Decoded refused(String reason) {
            return new Decoded(null, reason);
        }
    }

    public Decoded decode(EventStreams.Kind kind, Map<String, String> fields) {
        String version = fields == null ? null : fields.get(EventStreams.FIELD_VERSION);
        if (kind == EventStreams.Kind.ENDPOINT) {
            return endpoint(version, fields);
        }
        boolean aggregate = kind == EventStreams.Kind.USAGE && EventStreams.AGGREGATE_VERSION.equals(version);
        if (!aggregate && !EventStreams.SCHEMA_VERSION.equals(version)) {
            return Decoded.refused("version");
        }
        String deliveryId = fields.get(EventStreams.FIELD_ID);
        String body = fields.get(EventStreams.FIELD_EVENT);
        if (!boundedId(deliveryId) || body == null) {
            return Decoded.refused("malformed");
        }
        try {
            if (aggregate) {
                return aggregate(deliveryId, json.readValue(body, UsageAggregate.class));
            }
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

    private Decoded aggregate(String deliveryId, UsageAggregate aggregate) {
        Instant minute = aggregate.minute();
        Instant lastAt = aggregate.lastAt();
        if (minute == null || lastAt == null || minute.getNano() != 0 || minute.getEpochSecond() % 60 != 0
                || lastAt.isBefore(minute) || !lastAt.isBefore(minute.plusSeconds(60))
                || aggregate.statusClass() < 1 || aggregate.statusClass() > 5 || aggregate.requests() < 1
                || aggregate.requestBytes() < 0 || aggregate.responseBytes() < 0 || aggregate.latencySumMicros() < 0
                || !histogramOf(aggregate.latencyBuckets(), aggregate.requests())
                || !optionalId(aggregate.apiId()) || !optionalId(aggregate.applicationId()) || !optionalId(aggregate.keyId())) {
            return Decoded.refused("malformed");
        }
        return accepted(deliveryId, aggregate.tenantId(), minute, aggregate);
    }

    private Decoded endpoint(String version, Map<String, String> fields) {
        if (!EventStreams.ENDPOINT_VERSION.equals(version)) {
            return Decoded.refused("version");
        }
        String deliveryId = fields.get(EventStreams.FIELD_ID);
        String body = fields.get(EventStreams.FIELD_EVENT);
        if (!boundedId(deliveryId) || body == null) {
            return Decoded.refused("malformed");
        }
        EndpointAggregate aggregate;
        try {
            aggregate = json.readValue(body, EndpointAggregate.class);
        } catch (IOException | IllegalArgumentException e) {
            return Decoded.refused("malformed");
        }
        Instant minute = aggregate.minute();
        Instant lastAt = aggregate.lastAt();
        if (minute == null || lastAt == null || minute.getNano() != 0 || minute.getEpochSecond() % 60 != 0
                || lastAt.isBefore(minute) || !lastAt.isBefore(minute.plusSeconds(60)) || aggregate.requests() < 1
                || aggregate.denied() < 0 || aggregate.denied() > aggregate.requests() || aggregate.apiId() == null
                || aggregate.endpoint() == null || aggregate.endpoint().length() > MAX_ENDPOINT || !optionalId(aggregate.apiId())
                || !optionalId(aggregate.applicationId()) || !optionalId(aggregate.keyId()) || !optionalId(aggregate.clientIp())
                || aggregate.deniedIds().size() > EndpointAggregate.MAX_IDS
                || aggregate.deniedIds().stream().anyMatch(id -> id == null || id.length() > 16)
                || !coherentRefusal(aggregate)) {
            return Decoded.refused("malformed");
        }
        return accepted(deliveryId, aggregate.tenantId(), minute, aggregate);
    }

    /**
     * A gateway refuses only what no operation declares, and only with 404 or 405: anything else
     * would file a documented operation among the shadow endpoints, or invent a refusal.
     */
    private static boolean coherentRefusal(EndpointAggregate aggregate) {
        int status = aggregate.refusedStatus();
        return status == 0 || !aggregate.documented() && (status == 404 || status == 405);
    }

    /** Exactly the shared buckets, none negative, counting every request once. */
    private static boolean histogramOf(long[] buckets, long requests) {
        if (buckets == null || buckets.length != LatencyBuckets.COUNT) {
            return false;
        }
        long sum = 0;
        for (long count : buckets) {
            if (count < 0) {
                return false;
            }
            sum += count;
        }
        return sum == requests;
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
