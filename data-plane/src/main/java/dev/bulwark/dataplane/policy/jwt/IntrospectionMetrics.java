package dev.bulwark.dataplane.policy.jwt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of introspection calls by outcome and of cache lookups by result, and the failure log:
 * at most one line per endpoint every ten seconds, saying how many it stands for, so an outage
 * does not flood the logs. Nothing here ever sees a token or a secret.
 */
final class IntrospectionMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(TokenIntrospector.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Map<String, Counter> calls;
    private final Map<String, Counter> cache;
    private final String endpoint;
    private final LongSupplier nanoTime;
    private final AtomicLong lastLog;
    private final AtomicLong suppressed = new AtomicLong();

    IntrospectionMetrics(MeterRegistry registry, String endpoint, LongSupplier nanoTime) {
        this.endpoint = endpoint;
        this.nanoTime = nanoTime;
        this.lastLog = new AtomicLong(nanoTime.getAsLong() - LOG_INTERVAL_NANOS);
        this.calls = Map.of(
                "active", call(registry, "active"), "inactive", call(registry, "inactive"), "error", call(registry, "error"),
                "timeout", call(registry, "timeout"), "unconfigured", call(registry, "unconfigured"));
        this.cache = Map.of("hit", lookup(registry, "hit"), "miss", lookup(registry, "miss"), "coalesced", lookup(registry, "coalesced"));
    }

    private static Counter call(MeterRegistry registry, String outcome) {
        return Counter.builder("bulwark.jwt.introspection.calls").tag("policy", "jwt").tag("outcome", outcome)
                .description("Token introspection calls by outcome; error, timeout and unconfigured answered 503").register(registry);
    }

    private static Counter lookup(MeterRegistry registry, String result) {
        return Counter.builder("bulwark.jwt.introspection.cache").tag("policy", "jwt").tag("result", result)
                .description("Token introspection lookups: cached answer, new call, or joined a call under way").register(registry);
    }

    void cache(String result) {
        cache.get(result).increment();
    }

    /** Counts one finished call; a failure ({@code problem} not null) is logged, rate-limited. */
    void call(String outcome, String problem) {
        calls.get(outcome).increment();
        if (problem != null) {
            warn(problem);
        }
    }

    void warn(String problem) {
        long now = nanoTime.getAsLong();
        long last = lastLog.get();
        if (now - last < LOG_INTERVAL_NANOS || !lastLog.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return;
        }
        long others = suppressed.getAndSet(0);
        LOG.warn("Token introspection at {} failed: {}{}", endpoint, problem,
                others == 0 ? "" : " (and " + others + " more failures since the last line)");
    }
}
