package dev.bulwark.controlplane.incident;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Incident detection ({@code bulwark.incidents.*}).
 *
 * @param detectionEnabled run this replica's detector consumer (replicas share the group)
 * @param consumerGroup    the detector's own Redis consumer group: it reads every security event
 *                         without taking any from the ingestion group
 * @param batchSize        most entries read (and processed in one transaction) at a time
 * @param block            how long one XREADGROUP waits for new entries
 * @param claimIdle        entries pending this long with another replica's consumer are taken over
 * @param reopenWithin     a resolved incident whose group is detected again within this period is
 *                         reopened instead of a new one being opened
 * @param samplesPerWindow sample events kept in the timeline per detection
 */
@ConfigurationProperties("bulwark.incidents")
public record IncidentSettings(
        @Bindable(defaultValue = "true") boolean detectionEnabled,
        @Bindable(defaultValue = "bulwark-incidents") String consumerGroup,
        @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "1s") Duration block,
        @Bindable(defaultValue = "60s") Duration claimIdle,
        @Bindable(defaultValue = "24h") Duration reopenWithin,
        @Bindable(defaultValue = "5") int samplesPerWindow) {

    public IncidentSettings {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("bulwark.incidents.batch-size must be between 1 and 10000");
        }
        if (samplesPerWindow < 0 || samplesPerWindow > 50) {
            throw new IllegalArgumentException("bulwark.incidents.samples-per-window must be between 0 and 50");
        }
    }
}
