package dev.bulwark.securitytesting.scan.model;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How far a scan may go. The defaults are safe for production: read-only methods (GET, HEAD,
 * OPTIONS, TRACE), at most 500 requests at 5 per second. Writes (mass assignment, BOLA on created
 * objects) need {@code allowWrites}, meant for a staging environment.
 *
 * @param ssrfCanary where the scanner listens for SSRF call-backs; the SSRF check only runs with one
 * @param sslContext trust for the target's certificate; null for the JVM's default trust store
 */
public record ScanSettings(boolean allowWrites, int maxRequests, double requestsPerSecond, Duration requestTimeout,
        int rateLimitBurst, Optional<InetSocketAddress> ssrfCanary, SSLContext sslContext) {

    public static final int MAX_REQUESTS_CEILING = 10_000;
    public static final double RATE_CEILING = 50;

    public ScanSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(ssrfCanary, "ssrfCanary");
        if (maxRequests < 1 || maxRequests > MAX_REQUESTS_CEILING) {
            throw new IllegalArgumentException("maxRequests must be within 1.." + MAX_REQUESTS_CEILING);
        }
        if (!(requestsPerSecond > 0) || requestsPerSecond > RATE_CEILING) {
            throw new IllegalArgumentException("requestsPerSecond must be within (0, " + RATE_CEILING + "]");
        }
        if (rateLimitBurst < 2 || rateLimitBurst > 200) {
            throw new IllegalArgumentException("rateLimitBurst must be within 2..200");
        }
    }

    public static ScanSettings safeDefaults() {
        return new ScanSettings(false, 500, 5, Duration.ofSeconds(10), 30, Optional.empty(), null);
    }

    public ScanSettings withWrites(boolean allowed) {
        return new ScanSettings(allowed, maxRequests, requestsPerSecond, requestTimeout, rateLimitBurst, ssrfCanary, sslContext);
    }

    public ScanSettings withBudget(int requests, double perSecond) {
        return new ScanSettings(allowWrites, requests, perSecond, requestTimeout, rateLimitBurst, ssrfCanary, sslContext);
    }

    public ScanSettings withRateLimitBurst(int burst) {
        return new ScanSettings(allowWrites, maxRequests, requestsPerSecond, requestTimeout, burst, ssrfCanary, sslContext);
    }

    public ScanSettings withSsrfCanary(InetSocketAddress listen) {
        return new ScanSettings(allowWrites, maxRequests, requestsPerSecond, requestTimeout, rateLimitBurst,
                Optional.of(listen), sslContext);
    }

    public ScanSettings withSslContext(SSLContext context) {
        return new ScanSettings(allowWrites, maxRequests, requestsPerSecond, requestTimeout, rateLimitBurst, ssrfCanary, context);
    }
}
