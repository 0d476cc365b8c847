package dev.bulwark.controlplane.securityevent;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A stored security event. {@code id} is unique (the delivery id); {@code eventId} is the gateway's
 * own identifier, for correlation with gateway logs.
 *
 * @param threat what an inspecting policy matched, or null for other events
 */
public record SecurityEventView(String id, String eventId, Instant occurredAt, String type, String errorKey,
                                String environment, String apiId, String applicationId, String clientIp, String method,
                                String path, String detail, @Nullable Threat threat) {

    /**
     * @param ruleId   the detection or validation rule, e.g. {@code sql-union-select}
     * @param family   the injection family ({@code sql}, {@code xss}, …), or null for contract violations
     * @param location the input it was found in, e.g. {@code query.q}; never the value
     * @param blocked  whether the request was refused (false: reported and forwarded)
     */
    public record Threat(String ruleId, @Nullable String family, String location, boolean blocked) {
    }
}
