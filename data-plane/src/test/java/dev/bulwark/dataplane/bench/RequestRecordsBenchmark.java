package dev.bulwark.dataplane.bench;

import dev.bulwark.dataplane.observability.AccessLog;
import dev.bulwark.dataplane.observability.GatewayMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a finished request costs to record, before and after issue 17's cuts, in one run:
 * {@code micrometerTimer} is the Micrometer percentile-histogram timer the gateway recorded into per
 * request (same range), {@code perLoopHistogram} the per-event-loop histogram that replaced it;
 * {@code accessLineBefore} replays how the access-log line's time and figures were formatted
 * ({@code Instant.toString}, rounded doubles), {@code accessLineAfter} the line as written now
 * ({@link AccessLog.Entry#format()}). Run with {@code -prof gc}
 * ({@code data-plane/bench/run-jmh.sh RequestRecords -prof gc}); never part of {@code mvn verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestRecordsBenchmark {
    private Timer timer;
    private GatewayMetrics metrics;
    private AccessLog.Entry entry;
    private long nanos = 1_234_567;

    @Setup
    public void setUp() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        timer = Timer.builder("bench.requests").tag("api", "orders").tag("method", "GET").tag("status", "2xx")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
        metrics = new GatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        entry = new AccessLog.Entry();
        entry.epochMillis = 1_800_000_000_123L;
        entry.requestId = "4bf92f3577b34da6a3ce929d0e0e4736";
        entry.traceId = "0af7651916cd43dd8448eb211c80319c";
        entry.method = "GET";
        entry.path = "/orders/12345";
        entry.status = 200;
        entry.durationMs = 1.234567;
        entry.upstreamMs = 0.98765;
        entry.bytesIn = 120;
        entry.bytesOut = 512;
        entry.apiId = "orders";
        entry.tenantId = "tenant-a";
        entry.applicationId = "app-1";
        entry.keyId = "key-1";
        entry.route = "getOrder";
        entry.clientIp = "10.1.2.3";
    }

    @Benchmark
    public void micrometerTimer() {
        nanos = (nanos * 31 + 7) & 0xFFFFFFFL; // varied values, 0-268 ms
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void perLoopHistogram() {
        nanos = (nanos * 31 + 7) & 0xFFFFFFFL;
        metrics.request("orders", "GET", 200, nanos);
    }

    @Benchmark
    public String accessLineBefore() {
        AccessLog.Entry e = entry;
        StringBuilder line = new StringBuilder(320);
        line.append("{\"time\":\"").append(Instant.ofEpochMilli(e.epochMillis)).append('"');
        field(line, "requestId", e.requestId);
        field(line, "traceId", e.traceId);
        field(line, "method", e.method);
        field(line, "path", e.path);
        line.append(",\"status\":").append(e.status);
        line.append(",\"durationMs\":").append(Math.round(e.durationMs * 1000) / 1000.0);
        line.append(",\"upstreamMs\":").append(Math.round(e.upstreamMs * 1000) / 1000.0);
        line.append(",\"bytesIn\":").append(e.bytesIn).append(",\"bytesOut\":").append(e.bytesOut);
        field(line, "apiId", e.apiId);
        field(line, "tenantId", e.tenantId);
        field(line, "applicationId", e.applicationId);
        field(line, "keyId", e.keyId);
        field(line, "route", e.route);
        field(line, "clientIp", e.clientIp);
        return line.append('}').toString();
    }

    @Benchmark
    public String accessLineAfter() {
        return entry.format();
    }

    /** The field writer as it was (escaping through String.format for control characters). */
    private static void field(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
