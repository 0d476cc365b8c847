package dev.bulwark.controlplane.usage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.util.HexFormat;

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
        String name = settings.consumerName().isBlank() ? defaultConsumerName() : settings.consumerName();
        return create(name, settings, IngestionWriter.Checkpoint.NONE);
    }

    TelemetrySettings settings() {
        return settings;
    }

    /** Host name plus a random suffix: unique per process, so a restarted replica never reuses a dead consumer's name. */
    static String defaultConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "control-plane";
        }
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return host + "-" + HexFormat.of().formatHex(suffix);
    }
}
