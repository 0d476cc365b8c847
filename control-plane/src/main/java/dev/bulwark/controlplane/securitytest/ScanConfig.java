package dev.bulwark.controlplane.securitytest;

import dev.bulwark.controlplane.kernel.Environment;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * How one API is scanned, as stored (credentials sealed). Safe by default: staging, read-only,
 * 500 requests at 5 per second, no schedule.
 *
 * @param scheduleHours hours between scheduled runs, or null for on-demand only
 */
record ScanConfig(Environment environment, boolean allowWrites, @Nullable Integer scheduleHours, @Nullable Instant nextRunAt,
                  String authHeader, @Nullable byte[] primaryCredential, @Nullable byte[] secondaryCredential,
                  int maxRequests, int requestsPerSecond) {

    static final ScanConfig DEFAULTS = new ScanConfig(Environment.STAGING, false, null, null, "Authorization", null, null, 500, 5);

    /**
     * What members see: never a credential, only whether one is set.
     */
    public record View(String environment, boolean allowWrites, @Nullable Integer scheduleHours, @Nullable Instant nextRunAt,
                       String authHeader, boolean primaryCredentialSet, boolean secondaryCredentialSet,
                       int maxRequests, int requestsPerSecond) {
    }

    /**
     * A replacement of the configuration. A credential left null keeps the stored one; an empty
     * string removes it. The credential is the whole header value (e.g. {@code Bearer eyJ…} or an API key).
     */
    public record Change(@Nullable String environment, @Nullable Boolean allowWrites, @Nullable Integer scheduleHours,
                         @Nullable String authHeader, @Nullable String primaryCredential, @Nullable String secondaryCredential,
                         @Nullable Integer maxRequests, @Nullable Integer requestsPerSecond) {
    }

    View view() {
        return new View(environment.wire(), allowWrites, scheduleHours, nextRunAt, authHeader, primaryCredential != null,
                secondaryCredential != null, maxRequests, requestsPerSecond);
    }
}
