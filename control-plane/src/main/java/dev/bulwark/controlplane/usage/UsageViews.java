package dev.bulwark.controlplane.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response bodies of the usage read API. */
public final class UsageViews {
    private UsageViews() {
    }

    public record Timeseries(Instant from, Instant to, String granularity, List<UsagePoint> points) {
    }

    /** {@code applicationId} null stands for requests made without an application (anonymous). */
    public record Consumer(String applicationId, long requests, long errors, long bytes) {
    }

    public record TopConsumers(Instant from, Instant to, List<Consumer> items) {
    }

    /** Requests per status class, always with all five classes {@code 1xx}..{@code 5xx}. */
    public record StatusBreakdown(Instant from, Instant to, Map<String, Long> counts, long total) {
    }
}
