package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.event.EndpointAggregate;
import dev.bulwark.controlplane.usage.DeliveredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The detectors over the gateways' endpoint aggregates (docs/events.md): what each API key or client
 * address did on each operation, and the paths under an API that it does not declare, whether its
 * fallback route forwarded them or the gateway refused them (404/405). Adds to the
 * same per-window tallies as the security-event detectors, so counting, thresholds, overrides and
 * incidents work the same way.
 */
final class EndpointDetectors {
    /** Which operations of an API return personal data, by the gateway's operation label. */
    @FunctionalInterface
    interface PersonalData {
        Set<String> operations(UUID tenantId, String apiId);
    }

    private final PersonalData personalData;

    EndpointDetectors(PersonalData personalData) {
        this.personalData = personalData;
    }

    void observe(List<DeliveredEvent> endpoints, Map<UUID, Map<Detector, DetectorSettings>> perTenant,
                 Map<Tally.Key, Tally> tallies) {
        for (DeliveredEvent delivered : endpoints) {
            EndpointAggregate aggregate = (EndpointAggregate) delivered.event();
            Map<Detector, DetectorSettings> settings = perTenant.get(delivered.tenantId());
            String subject = aggregate.keyId() != null ? aggregate.keyId() : aggregate.clientIp();
            String subjectKind = aggregate.keyId() != null ? Detector.API_KEY : Detector.CLIENT_ADDRESS;
            if (!aggregate.documented()) {
                DetectorSettings shadow = settings.get(Detector.SHADOW_ENDPOINT);
                if (shadow.enabled()) {
                    Tally tally = add(tallies, delivered.tenantId(), shadow, aggregate, aggregate.apiId(), Detector.API);
                    if (aggregate.refused()) {
                        tally.refusedEndpoint(aggregate.endpoint());
                    } else {
                        tally.endpoint(aggregate.endpoint());
                    }
                }
                continue;
            }
            if (subject == null) {
                continue; // past the gateway's bound: counted, but nobody to attribute it to
            }
            DetectorSettings enumeration = settings.get(Detector.OBJECT_ENUMERATION);
            if (enumeration.enabled() && aggregate.objectIds()) {
                Tally tally = add(tallies, delivered.tenantId(), enumeration, aggregate, subject, subjectKind);
                // A denied id is an object of one operation: the same id on two operations is two objects.
                aggregate.deniedIds().forEach(id -> tally.values.add(aggregate.endpoint() + "#" + id));
                if (aggregate.denied() > 0) {
                    tally.endpoint(aggregate.endpoint());
                }
            }
            DetectorSettings scraping = settings.get(Detector.SCRAPING);
            if (scraping.enabled() && personalData.operations(delivered.tenantId(), aggregate.apiId()).contains(aggregate.endpoint())) {
                add(tallies, delivered.tenantId(), scraping, aggregate, subject, subjectKind).endpoint(aggregate.endpoint());
            }
        }
    }

    private static Tally add(Map<Tally.Key, Tally> tallies, UUID tenant, DetectorSettings settings, EndpointAggregate aggregate,
                             String subject, String subjectKind) {
        Instant window = settings.windowStart(aggregate.lastAt());
        Tally tally = tallies.computeIfAbsent(new Tally.Key(tenant, settings.detector(), aggregate.apiId(), subject, window),
                key -> new Tally(subjectKind, settings));
        tally.add(aggregate.minute(), aggregate.lastAt(), aggregate.applicationId(), aggregate.requests());
        return tally;
    }

    /**
     * Object enumeration's measure: the distinct denied objects, counted only while they are at least
     * half of the window's requests to object operations (a client reading many objects it may read,
     * with a few misses, is not walking ids).
     */
    static long enumerationMeasure(long requests, long distinctDenied) {
        return distinctDenied * 2 >= requests ? distinctDenied : 0;
    }
}
