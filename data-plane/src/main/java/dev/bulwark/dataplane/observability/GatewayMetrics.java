package dev.bulwark.dataplane.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request metrics labelled by API id, method and status class: bounded cardinality (raw paths and
 * ids never become labels). Meters are looked up once per API and cached, so a request costs an
 * array index, not a registry lookup.
 */
public final class GatewayMetrics {
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private static final String NO_API = "none";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, ApiMeters> byApi = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> closures = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void request(String apiId, String method, int status, long nanos) {
        meters(apiId).requests[methodIndex(method) * CLASSES.length + statusClass(status)].record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void upstream(String apiId, long nanos) {
        meters(apiId).upstream.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
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

    private ApiMeters meters(String apiId) {
        String api = apiId == null ? NO_API : apiId;
        ApiMeters meters = byApi.get(api);
        return meters != null ? meters : byApi.computeIfAbsent(api, this::create);
    }

    private ApiMeters create(String apiId) {
        Timer[] requests = new Timer[METHODS.length * CLASSES.length];
        for (int m = 0; m < METHODS.length; m++) {
            for (int c = 0; c < CLASSES.length; c++) {
                requests[m * CLASSES.length + c] = Timer.builder("bulwark.requests").tag("api", apiId).tag("method", METHODS[m])
                        .tag("status", CLASSES[c]).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                        .maximumExpectedValue(Duration.ofSeconds(60)).description("Requests through the gateway").register(registry);
            }
        }
        Timer upstream = Timer.builder("bulwark.upstream.latency").tag("api", apiId).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(60))
                .description("Time from sending upstream to the upstream's response head").register(registry);
        return new ApiMeters(requests, upstream);
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

    private record ApiMeters(Timer[] requests, Timer upstream) {
    }
}
