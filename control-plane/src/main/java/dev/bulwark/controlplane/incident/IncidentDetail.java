package dev.bulwark.controlplane.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One incident with its timeline, oldest entry first. */
public record IncidentDetail(IncidentView incident, List<Entry> timeline) {

    /**
     * A timeline entry: {@code opened}, {@code detected}, {@code reopened} (with {@code evidence}),
     * {@code acknowledged}, {@code resolved}, {@code assigned}, {@code note} (with {@code note}).
     * {@code actor} is the person's email, null for the detectors.
     */
    public record Entry(UUID id, Instant at, String kind, String actor, Long eventCount, Evidence evidence, String note) {
    }
}
