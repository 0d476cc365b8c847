package dev.bulwark.controlplane.usage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Ingestion of gateway events ({@code bulwark.telemetry.*}).
 *
 * @param ingestionEnabled        run this replica's stream consumer (one per replica; the group is shared)
 * @param consumerGroup           Redis consumer group shared by every control-plane replica
 * @param consumerName            this replica's consumer name; empty means host name plus a random suffix
 * @param batchSize               most entries read (and written in one transaction) at a time, per stream
 * @param block                   how long one XREADGROUP waits for new entries
 * @param claimIdle               entries pending this long with another consumer are taken over (XAUTOCLAIM)
 * @param claimInterval           how often this consumer looks for such entries
 * @param securityEventRetention  raw security events older than this are dropped (whole daily partitions)
 * @param dedupeRetention         how long delivery ids are remembered; older events are refused as late
 * @param partitionsAhead         daily partitions created in advance
 * @param usageMinuteRetention    per-minute rollups older than this are deleted (minute series and
 *                                totals over up to a day read them; longer ranges read the hourly rollups)
 * @param usageHourRetention      per-hour rollups older than this are deleted
 */
@ConfigurationProperties("bulwark.telemetry")
public record TelemetrySettings(
        @Bindable(defaultValue = "true") boolean ingestionEnabled,
        @Bindable(defaultValue = "bulwark-control-plane") String consumerGroup,
        @Bindable(defaultValue = "") String consumerName,
        @Bindable(defaultValue = "500") int batchSize,
        @Bindable(defaultValue = "1s") Duration block,
        @Bindable(defaultValue = "60s") Duration claimIdle,
        @Bindable(defaultValue = "30s") Duration claimInterval,
        @Bindable(defaultValue = "30d") Duration securityEventRetention,
        @Bindable(defaultValue = "7d") Duration dedupeRetention,
        @Bindable(defaultValue = "2") int partitionsAhead,
        @Bindable(defaultValue = "14d") Duration usageMinuteRetention,
        @Bindable(defaultValue = "400d") Duration usageHourRetention) {

    public TelemetrySettings {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("bulwark.telemetry.batch-size must be between 1 and 10000");
        }
        if (securityEventRetention.toDays() < 1 || dedupeRetention.toDays() < 1) {
            throw new IllegalArgumentException("bulwark.telemetry retentions must be at least one day");
        }
        if (usageMinuteRetention.toDays() < 2 || usageHourRetention.compareTo(usageMinuteRetention) < 0) {
            throw new IllegalArgumentException("bulwark.telemetry.usage-minute-retention must be at least two days and "
                    + "usage-hour-retention at least as long");
        }
        if (partitionsAhead < 1 || partitionsAhead > 31) {
            throw new IllegalArgumentException("bulwark.telemetry.partitions-ahead must be between 1 and 31");
        }
    }

    /** Events older than this are refused: their dedupe record (or their partition) may be gone. */
    public Duration lateCutoff() {
        return dedupeRetention.compareTo(securityEventRetention) < 0 ? dedupeRetention : securityEventRetention;
    }
}
