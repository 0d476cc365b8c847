package dev.bulwark.contracts.event;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The requests one gateway event loop finished within one flush interval (1 s) that share a UTC
 * minute, tenant, API, application, API key and status class: counts, bytes and a latency histogram
 * ({@link LatencyBuckets}). The usage stream carries these instead of one entry per request
 * (docs/events.md). Identifiers only: no keys, tokens, bodies, paths or query strings.
 *
 * @param minute           start of the UTC minute the requests finished in
 * @param lastAt           when the latest of them finished (moves the API key's last-used time)
 * @param apiId            matched API; null when no route matched
 * @param applicationId    calling application; null for anonymous calls
 * @param keyId            API key used, by id (never the key); null without one
 * @param statusClass      1..5: the status returned to the clients, divided by 100
 * @param requests         how many requests, at least 1
 * @param latencySumMicros sum of their total gateway latencies
 * @param latencyBuckets   {@link LatencyBuckets#COUNT} counts summing to {@code requests}
 */
public record UsageAggregate(
        Instant minute,
        Instant lastAt,
        String tenantId,
        String apiId,
        String applicationId,
        String keyId,
        int statusClass,
        long requests,
        long requestBytes,
        long responseBytes,
        long latencySumMicros,
        long[] latencyBuckets) {

    /** Requests answered with a 4xx or 5xx status: what the rollups count as errors. */
    public long errors() {
        return statusClass >= 4 ? requests : 0;
    }

    // A record compares arrays by identity; an aggregate is a value, so compare the counts.
    @Override
    public boolean equals(Object other) {
        return other instanceof UsageAggregate that && statusClass == that.statusClass && requests == that.requests
                && requestBytes == that.requestBytes && responseBytes == that.responseBytes
                && latencySumMicros == that.latencySumMicros && Objects.equals(minute, that.minute)
                && Objects.equals(lastAt, that.lastAt) && Objects.equals(tenantId, that.tenantId)
                && Objects.equals(apiId, that.apiId) && Objects.equals(applicationId, that.applicationId)
                && Objects.equals(keyId, that.keyId) && Arrays.equals(latencyBuckets, that.latencyBuckets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minute, tenantId, apiId, applicationId, keyId, statusClass, requests) * 31
                + Arrays.hashCode(latencyBuckets);
    }

    @Override
    public String toString() {
        return "UsageAggregate[minute=" + minute + ", lastAt=" + lastAt + ", tenantId=" + tenantId + ", apiId=" + apiId
                + ", applicationId=" + applicationId + ", keyId=" + keyId + ", statusClass=" + statusClass
                + ", requests=" + requests + ", requestBytes=" + requestBytes + ", responseBytes=" + responseBytes
                + ", latencySumMicros=" + latencySumMicros + ", latencyBuckets=" + Arrays.toString(latencyBuckets) + "]";
    }
}
