package dev.bulwark.controlplane.usage;

import dev.bulwark.contracts.event.EventStreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code bulwark_ingest_events_total{stream, outcome=ingested|duplicate|refused, reason}} and
 * {@code bulwark_ingest_batch_failures_total} and {@code bulwark_ingest_usage_requests_total}.
 */
final class IngestionMetrics {
    private final MeterRegistry registry;
    private final Counter batchFailures;
    private final Counter usageRequests;

    IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchFailures = Counter.builder("bulwark.ingest.batch.failures")
                .description("Batches that failed and will be retried").register(registry);
        this.usageRequests = Counter.builder("bulwark.ingest.usage.requests")
                .description("Requests counted into the usage rollups (an aggregate entry carries many)").register(registry);
    }

    void usageRequests(long requests) {
        usageRequests.increment(requests);
    }

    void ingested(EventStreams.Kind kind, long fresh, long duplicates) {
        events(kind, "ingested", "none").increment(fresh);
        events(kind, "duplicate", "none").increment(duplicates);
    }

    void refused(EventStreams.Kind kind, String reason) {
        events(kind, "refused", reason).increment();
    }

    void batchFailed() {
        batchFailures.increment();
    }

    private Counter events(EventStreams.Kind kind, String outcome, String reason) {
        return Counter.builder("bulwark.ingest.events").description("Stream entries processed by the control plane")
                .tag("stream", kind.label()).tag("outcome", outcome).tag("reason", reason).register(registry);
    }
}
