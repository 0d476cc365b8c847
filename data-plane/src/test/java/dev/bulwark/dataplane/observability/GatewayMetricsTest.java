package dev.bulwark.dataplane.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The per-event-loop latency histograms, as Prometheus scrapes them. */
class GatewayMetricsTest {
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    @Test
    void countsFromSeveralThreadsAddUpUnderTheMetricNamesMicrometerPublished() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GatewayMetrics metrics = new GatewayMetrics(registry);
        Thread[] loops = new Thread[3];
        for (int t = 0; t < loops.length; t++) {
            loops[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    metrics.request("orders", "GET", 200, 2_000_000); // 2 ms
                }
                metrics.request("orders", "POST", 503, 5_000_000_000L); // 5 s
                metrics.upstream("orders", 1_000_000);
            });
            loops[t].start();
        }
        for (Thread loop : loops) {
            loop.join();
        }
        String scrape = registry.scrape();
        assertThat(sample(scrape, "bulwark_requests_seconds_count{api=\"orders\",method=\"GET\",status=\"2xx\"}")).isEqualTo(3_000);
        assertThat(sample(scrape, "bulwark_requests_seconds_sum{api=\"orders\",method=\"GET\",status=\"2xx\"}")).isEqualTo(6.0);
        assertThat(sample(scrape, "bulwark_requests_seconds_count{api=\"orders\",method=\"POST\",status=\"5xx\"}")).isEqualTo(3);
        assertThat(sample(scrape, "bulwark_requests_seconds_max{api=\"orders\",method=\"POST\",status=\"5xx\"}")).isEqualTo(5.0);
        assertThat(sample(scrape, "bulwark_upstream_latency_seconds_count{api=\"orders\"}")).isEqualTo(3);
        // cumulative buckets: none below 2 ms, all 3,000 GETs from the first bound at or above it
        String get = "bulwark_requests_seconds_bucket{api=\"orders\",method=\"GET\",status=\"2xx\",le=\"";
        for (String le : bounds(scrape, "bulwark_requests_seconds_bucket")) {
            if (scrape.contains(get + le + "\"}")) {
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                assertThat(sample(scrape, get + le + "\"}")).as("le %s", le).isEqualTo(bound < 0.002 ? 0 : 3_000);
            }
        }
        // a label combination no request had is not published
        assertThat(scrape).doesNotContain("method=\"DELETE\"");
    }

    @Test
    void bucketBoundsAreThoseOfMicrometersTimerForTheSameRange() {
        PrometheusMeterRegistry reference = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer.builder("reference").publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(reference).record(2, TimeUnit.MILLISECONDS);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GatewayMetrics(registry).request("orders", "GET", 200, 2_000_000);
        List<String> expected = bounds(reference.scrape(), "reference_seconds_bucket");
        assertThat(expected).hasSizeGreaterThan(20).contains("+Inf");
        assertThat(bounds(registry.scrape(), "bulwark_requests_seconds_bucket")).containsExactlyElementsOf(expected);
    }

    private static List<String> bounds(String scrape, String bucket) {
        return scrape.lines().filter(line -> line.startsWith(bucket + "{")).map(line -> {
            Matcher m = LE.matcher(line);
            return m.find() ? m.group(1) : "";
        }).toList();
    }

    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no sample " + series + " in\n" + scrape));
    }
}
