package dev.bulwark.controlplane.incident.response;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** What the automatic-response API reads and writes. */
final class ResponseViews {
    private ResponseViews() {
    }

    /** A detector's automatic response; {@code action} null means none (the default). */
    record ResponseSetting(String detector, @Nullable String action, @Nullable Integer durationSeconds) {
    }

    /** Body of a change: {@code action} {@code block-address} or {@code suspend-application}; 10 s to 7 days. */
    record SettingRequest(@Nullable String action, @Nullable Integer durationSeconds) {
    }

    /** A response taken; {@code active} until it expires or is lifted. */
    record ResponseView(UUID id, UUID incidentId, String detector, String action, String target, Instant createdAt,
                        Instant expiresAt, Instant liftedAt, String liftedBy, boolean active) {
    }
}
