package dev.bulwark.dataplane.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request metrics labelled by API id, method and status class: bounded cardinality (raw paths and
 * ids never become labels). The two latency histograms are recorded per event loop
 * ({@link LatencyHistograms}) and summed when Prometheus scrapes, under the names and buckets
 * Micrometer's timers had; the rare counters stay Micrometer's.
 */
public final class GatewayMetrics {
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final String NO_API = "none";

    private final MeterRegistry registry;
    private static final Duration MIN = Duration.ofNanos(100_000);
    private static final Duration MAX = Duration.ofSeconds(60);

    private final LatencyHistograms requests = new LatencyHistograms(MIN, MAX, METHODS.length * CLASSES.length);
    private final LatencyHistograms upstream = new LatencyHistograms(MIN, MAX, 1);
    private final ConcurrentHashMap<String, Counter> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> closures = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            prometheus.getPrometheusRegistry().register(new Collector());
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void request(String apiId, String method, int status, long nanos) {
        requests.record(apiId == null ? NO_API : apiId, methodIndex(method) * CLASSES.length + statusClass(status), nanos);
    }

    public void upstream(String apiId, long nanos) {
        upstream.record(apiId == null ? NO_API : apiId, 0, nanos);
    }

    public void rejection(String key) {
        rejections.computeIfAbsent(key, k -> Counter.builder("bulwark.rejections").tag("key", k)
                .description("Requests the gateway answered itself, by error key").register(registry)).increment();
    }

    /** A client connection the gateway refused or closed itself (caps, timeouts, floods), by reason. */
    public void connectionClosed(String reason) {
        closures.computeIfAbsent(reason, r -> Counter.builder("bulwark.connections.closed").tag("reason", r)
                .description("Client connections refused or closed by the gateway's edge limits, by reason").register(registry))
                .increment();
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length - 1;
    }

    private static int statusClass(int status) {
        return Math.min(Math.max(status / 100, 1), 5) - 1;
    }

    /** Publishes the histograms at scrape time, next to Micrometer's own meters. */
    private final class Collector implements MultiCollector {
        @Override
        public MetricSnapshots collect() {
            List<MetricSnapshot> snapshots = new ArrayList<>(4);
            snapshots.addAll(requests.collect("bulwark_requests_seconds", "Requests through the gateway",
                    (api, series) -> Labels.of("api", api, "method", METHODS[series / CLASSES.length],
                            "status", CLASSES[series % CLASSES.length])));
            snapshots.addAll(upstream.collect("bulwark_upstream_latency_seconds",
                    "Time from sending upstream to the upstream's response head", (api, series) -> Labels.of("api", api)));
            return new MetricSnapshots(snapshots);
        }

        @Override
        public List<String> getPrometheusNames() {
            return List.of("bulwark_requests_seconds", "bulwark_requests_seconds_max", "bulwark_upstream_latency_seconds",
                    "bulwark_upstream_latency_seconds_max");
        }
    }
}
