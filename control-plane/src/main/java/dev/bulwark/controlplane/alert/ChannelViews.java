package dev.bulwark.controlplane.alert;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** What the alert-channel API reads and writes. */
final class ChannelViews {
    private ChannelViews() {
    }

    /**
     * A new channel. {@code url} for webhook and slack; {@code host}, {@code port}, {@code tls},
     * {@code format} ({@code cef} or {@code json}) and {@code caCertificate} (PEM, TLS only) for syslog.
     * {@code minSeverity} defaults to {@code low} (every incident), {@code enabled} to true;
     * {@code securityEvents} (webhook and syslog, default false) forwards security events too.
     */
    record ChannelRequest(String name, String kind, @Nullable String url, @Nullable String host, @Nullable Integer port,
                          @Nullable Boolean tls, @Nullable String format, @Nullable String caCertificate,
                          @Nullable String minSeverity, @Nullable Boolean enabled, @Nullable Boolean securityEvents) {
    }

    /** A channel as read back: never its secret. */
    record ChannelView(UUID id, String name, String kind, String url, String host, Integer port, boolean tls, String format,
                       boolean customCa, String minSeverity, boolean enabled, Instant createdAt, boolean securityEvents) {
        static ChannelView of(ChannelRow row) {
            return new ChannelView(row.id(), row.name(), row.kind(), row.url(), row.host(), row.port(), row.tls(), row.format(),
                    row.caCertificate() != null, row.minSeverity(), row.enabled(), row.createdAt(), row.securityEvents());
        }
    }

    /** The answer to creating a webhook channel or rotating its secret: the signing secret, shown this once. */
    record ChannelCreated(ChannelView channel, @Nullable String signingSecret) {
    }

    /** One line of the delivery log. */
    record DeliveryView(UUID id, UUID channelId, UUID incidentId, String event, String status, int attempts,
                        Instant nextAttemptAt, Instant lastAttemptAt, Integer responseStatus, String lastError,
                        Instant createdAt, Instant deliveredAt) {
        static DeliveryView of(DeliveryRow row) {
            return new DeliveryView(row.id(), row.channelId(), row.incidentId(), row.event(), row.status(), row.attempts(),
                    row.status().equals("pending") ? row.nextAttemptAt() : null, row.lastAttemptAt(), row.responseStatus(),
                    row.lastError(), row.createdAt(), row.deliveredAt());
        }
    }
}
