package dev.bulwark.controlplane.incident;

import java.util.Map;

/**
 * Incident counts for the overview: the active ones (open, acknowledged) and those resolved within
 * the period, by status and, for the active ones, by severity.
 */
public record IncidentCounts(long open, long acknowledged, long resolved, Map<String, Long> activeBySeverity) {
}
