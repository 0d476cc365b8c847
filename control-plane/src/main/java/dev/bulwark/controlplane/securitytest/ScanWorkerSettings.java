package dev.bulwark.controlplane.securitytest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Active scans ({@code bulwark.scans.*}).
 *
 * @param enabled               this replica claims and runs queued scans (replicas share the queue)
 * @param concurrency           scans this replica runs at once, each on its own worker thread
 * @param poll                  how often the queue, due schedules and cancellations are looked at
 * @param stagingGatewayUrl     where the control plane reaches the staging gateway; blank: the public
 *                              URL a connected staging data plane announced
 * @param productionGatewayUrl  the same for production
 * @param staleAfter            a run still "running" after this long lost its replica and is failed
 */
@ConfigurationProperties("bulwark.scans")
public record ScanWorkerSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "2") int concurrency,
        @Bindable(defaultValue = "5s") Duration poll,
        @Bindable(defaultValue = "") String stagingGatewayUrl,
        @Bindable(defaultValue = "") String productionGatewayUrl,
        @Bindable(defaultValue = "2h") Duration staleAfter) {

    public ScanWorkerSettings {
        if (concurrency < 1 || concurrency > 16) {
            throw new IllegalArgumentException("bulwark.scans.concurrency must be between 1 and 16");
        }
    }
}
