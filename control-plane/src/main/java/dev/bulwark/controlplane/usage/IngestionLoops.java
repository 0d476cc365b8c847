package dev.bulwark.controlplane.usage;

import dev.bulwark.controlplane.stream.StreamGroup;
import dev.bulwark.controlplane.stream.StreamRedis;
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
    private final StreamRedis redis;
    private final String keyPrefix;
    private final TransactionOperations<Connection> transactions;
    private final IngestionMetrics metrics;
    private final TelemetryPartitions partitions;

    IngestionLoops(TelemetrySettings settings,
                   StreamRedis redis,
                   @Value("${bulwark.redis.key-prefix}") String keyPrefix,
                   TransactionOperations<Connection> transactions,
                   MeterRegistry registry) {
        this.settings = settings;
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.transactions = transactions;
        this.metrics = new IngestionMetrics(registry);
        this.partitions = new TelemetryPartitions(transactions, settings, Clock.systemUTC());
    }

    StreamIngestionLoop create(String consumerName, TelemetrySettings overrides, IngestionWriter.Checkpoint checkpoint) {
        IngestionWriter writer = new IngestionWriter(transactions, partitions.dedupe(), partitions.security(), partitions.usage(), checkpoint);
        EventDecoder decoder = new EventDecoder(Clock.systemUTC(), overrides.lateCutoff());
        return new StreamIngestionLoop(redis, keyPrefix, overrides, consumerName, decoder, writer, metrics, partitions);
    }

    StreamIngestionLoop create() {
        String name = settings.consumerName().isBlank() ? StreamGroup.uniqueConsumerName() : settings.consumerName();
        return create(name, settings, IngestionWriter.Checkpoint.NONE);
    }

    TelemetrySettings settings() {
        return settings;
    }
}
