package dev.bulwark.controlplane.alert;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Alert delivery ({@code bulwark.alerts.*}, env {@code BULWARK_ALERTS_*}).
 *
 * @param deliveryEnabled run this replica's delivery worker (replicas share the queue through row locks)
 * @param pollInterval    how often the worker looks for due deliveries
 * @param batchSize       most deliveries one poll takes
 * @param maxAttempts     attempts before a delivery is marked failed
 * @param initialBackoff  wait after the first failed attempt; doubled after each further one
 * @param maxBackoff      the longest wait between two attempts
 * @param timeout         connect and response timeout of one attempt
 */
@ConfigurationProperties("bulwark.alerts")
public record AlertSettings(
        @Bindable(defaultValue = "true") boolean deliveryEnabled,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "20") int batchSize,
        @Bindable(defaultValue = "8") int maxAttempts,
        @Bindable(defaultValue = "5s") Duration initialBackoff,
        @Bindable(defaultValue = "10m") Duration maxBackoff,
        @Bindable(defaultValue = "10s") Duration timeout) {

    public AlertSettings {
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("bulwark.alerts.batch-size must be between 1 and 500");
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("bulwark.alerts.max-attempts must be between 1 and 50");
        }
    }

    /** The wait after {@code attempts} failed attempts: exponential, capped. */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = initialBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
