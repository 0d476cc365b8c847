package dev.bulwark.dataplane.event;

import java.time.Duration;

/**
 * How the gateway ships events to Redis Streams.
 *
 * @param keyPrefix         prefix of every Redis key ({@code bw:} in production, a per-run prefix in tests)
 * @param queueCapacity     events the event loops may hand over before the shipper takes them; beyond it events are dropped
 * @param batchSize         most events one pipelined flush sends; a full batch wakes the shipper early
 * @param flushInterval     longest an event waits in the queue while Redis is healthy
 * @param maxStreamLength   approximate length each stream is trimmed to on write ({@code MAXLEN ~})
 * @param spoolMaxEvents    events kept for retry while Redis is unreachable
 * @param spoolMaxBytes     serialised bytes kept for retry while Redis is unreachable
 * @param maxRetryBackoff   longest pause between two attempts to reach Redis
 * @param usageFlushInterval how often each event loop hands its usage aggregates to the queue
 */
public record EventShippingSettings(
        String keyPrefix,
        int queueCapacity,
        int batchSize,
        Duration flushInterval,
        long maxStreamLength,
        int spoolMaxEvents,
        long spoolMaxBytes,
        Duration maxRetryBackoff,
        Duration usageFlushInterval) {

    public EventShippingSettings {
        if (queueCapacity < 1 || batchSize < 1 || spoolMaxEvents < batchSize || spoolMaxBytes < 1 || maxStreamLength < 1
                || usageFlushInterval.toMillis() < 1) {
            throw new IllegalArgumentException("event shipping capacities must be positive and the spool at least one batch");
        }
    }

    /**
     * 10k queued + 100k spooled records (or 64 MiB), batches of 500 every 100 ms, streams trimmed near
     * 1M entries, usage aggregates flushed every second.
     */
    public static EventShippingSettings defaults(String keyPrefix) {
        return new EventShippingSettings(keyPrefix, 10_000, 500, Duration.ofMillis(100), 1_000_000,
                100_000, 64L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(1));
    }
}
