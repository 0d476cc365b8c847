package dev.bulwark.controlplane.usage;

import dev.bulwark.controlplane.stream.StreamGroup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;

/** Builds ingestion loops from configuration; the service runs one, tests may run several. */
@Singleton
final class IngestionLoops {
    private final TelemetrySettings settings;
    private final String redisUrl;
    private final boolean redisCluster;
    private final String keyPrefix;
    private final TransactionOperations<Connection> transactions;
    private final IngestionMetrics metrics;
    private final TelemetryPartitions partitions;

    IngestionLoops(TelemetrySettings settings,
                   @Value("${bulwark.redis.url}") String redisUrl,
                   @Value("${bulwark.redis.cluster:false}") boolean redisCluster,
                   @Value("${bulwark.redis.key-prefix}") String keyPrefix,
                   TransactionOperations<Connection> transactions,
                   MeterRegistry registry) {
        this.settings = settings;
        this.redisUrl = redisUrl;
        this.redisCluster = redisCluster;
        this.keyPrefix = keyPrefix;
        this.transactions = transactions;
        this.metrics = new IngestionMetrics(registry);
        this.partitions = new TelemetryPartitions(transactions, settings, Clock.systemUTC());
    }

    StreamIngestionLoop create(String consumerName, TelemetrySettings overrides, IngestionWriter.Checkpoint checkpoint) {
        IngestionWriter writer = new IngestionWriter(transactions, partitions.dedupe(), partitions.security(), checkpoint);
        EventDecoder decoder = new EventDecoder(Clock.systemUTC(), overrides.lateCutoff());
        return new StreamIngestionLoop(redisUrl, redisCluster, keyPrefix, overrides, consumerName, decoder, writer, metrics, partitions);
    }

    StreamIngestionLoop create() {
        String name = settings.consumerName().isBlank() ? StreamGroup.uniqueConsumerName() : settings.consumerName();
        return create(name, settings, IngestionWriter.Checkpoint.NONE);
    }

    TelemetrySettings settings() {
        return settings;
    }
}
