package dev.bulwark.controlplane.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.alert.AlertTransports.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued alerts: takes due deliveries (row locks, so replicas share the queue), sends each
 * outside any transaction, and records the outcome; a failed attempt is retried with exponential
 * backoff until {@code bulwark.alerts.max-attempts}. Counted in {@code bulwark_alert_deliveries_total}.
 */
@Singleton
class AlertWorker {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWorker.class);

    private final AlertSettings settings;
    private final DeliveryRepository deliveries;
    private final ChannelRepository channels;
    private final AlertChannels channelSecrets;
    private final AlertDestinations destinations;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;
    private final AlertFormats formats;
    private final AlertTransports transports;
    private final MeterRegistry registry;

    AlertWorker(AlertSettings settings, DeliveryRepository deliveries, ChannelRepository channels, AlertChannels channelSecrets,
                AlertDestinations destinations, TransactionOperations<Connection> transactions, ObjectMapper json,
                MeterRegistry registry) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.channels = channels;
        this.channelSecrets = channelSecrets;
        this.destinations = destinations;
        this.transactions = transactions;
        this.json = json;
        this.formats = new AlertFormats(json);
        this.transports = new AlertTransports(settings.timeout());
        this.registry = registry;
    }

    @Scheduled(fixedDelay = "${bulwark.alerts.poll-interval:1s}", initialDelay = "1s")
    void poll() {
        if (!settings.deliveryEnabled()) {
            return;
        }
        double lease = settings.timeout().multipliedBy(3).toMillis() / 1000.0;
        List<DeliveryRow> due = transactions.executeWrite(status -> {
            List<DeliveryRow> rows = deliveries.due(settings.batchSize());
            rows.forEach(row -> deliveries.claim(row.id(), lease));
            return rows;
        });
        for (DeliveryRow delivery : due) {
            try {
                attempt(delivery);
            } catch (RuntimeException e) {
                LOG.error("alert delivery {} failed unexpectedly", delivery.id(), e);
                record(delivery, "unknown", Outcome.failed("internal error; retried"));
            }
        }
    }

    private void attempt(DeliveryRow delivery) {
        Optional<ChannelRow> found = transactions.executeRead(status -> channels.findByTenantIdAndId(delivery.tenantId(),
                delivery.channelId()));
        if (found.isEmpty()) {
            return; // deleted meanwhile: its deliveries went with it
        }
        ChannelRow channel = found.get();
        Outcome outcome = channel.enabled() ? send(channel, delivery) : Outcome.failed("the channel is disabled");
        record(delivery, channel.kind(), outcome);
    }

    private Outcome send(ChannelRow channel, DeliveryRow delivery) {
        AlertEvent event;
        try {
            event = json.readValue(delivery.payload(), AlertEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert payload", e);
        }
        return switch (channel.kind()) {
            case "webhook" -> webhook(channel, delivery);
            case "slack" -> pinnedPost(channel, formats.slack(event), Map.of());
            default -> syslog(channel, event);
        };
    }

    private Outcome webhook(ChannelRow channel, DeliveryRow delivery) {
        String secret;
        try {
            secret = channelSecrets.secret(channel);
        } catch (GeneralSecurityException e) {
            return Outcome.failed("the signing secret cannot be unsealed (key-encryption key changed?); rotate the secret");
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        return pinnedPost(channel, body, Map.of(
                WebhookSignature.DELIVERY, delivery.id().toString(),
                WebhookSignature.TIMESTAMP, Long.toString(timestamp),
                WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, timestamp, body)));
    }

    /**
     * Checks the URL, resolves its host once to an address the guard accepts and posts to that
     * address, TLS still verified against the name: a DNS answer that changes between the check
     * and the connection (rebinding) cannot redirect the alert into the platform's network.
     */
    private Outcome pinnedPost(ChannelRow channel, byte[] body, Map<String, String> headers) {
        var problem = destinations.checkUrl(channel.tenantId(), channel.url(), "url");
        if (problem != null) {
            return Outcome.failed("destination refused: " + problem.message());
        }
        java.net.URI url = java.net.URI.create(channel.url());
        InetAddress address;
        try {
            address = destinations.resolve(channel.tenantId(), AlertTransports.hostName(url), AlertTransports.port(url));
        } catch (UnknownHostException e) {
            return Outcome.failed(e.getMessage() == null || !e.getMessage().startsWith("destination refused")
                    ? "the host does not resolve" : e.getMessage());
        }
        return transports.post(url, address, body, headers);
    }

    private Outcome syslog(ChannelRow channel, AlertEvent event) {
        InetAddress address;
        try {
            address = destinations.resolve(channel.tenantId(), channel.host(), channel.port());
        } catch (UnknownHostException e) {
            return Outcome.failed(e.getMessage() == null || !e.getMessage().startsWith("destination refused")
                    ? "the host does not resolve" : e.getMessage());
        }
        String message = "json".equals(channel.format()) ? formats.jsonLine(event) : AlertFormats.cef(event);
        byte[] frame = AlertFormats.syslogFrame(event, message, channel.tls());
        return transports.syslog(new InetSocketAddress(address, channel.port()), channel.host(), channel.tls(),
                channel.caCertificate(), frame);
    }

    private void record(DeliveryRow delivery, String kind, Outcome outcome) {
        int attempts = delivery.attempts() + 1;
        String result = outcome.delivered() ? "delivered" : attempts >= settings.maxAttempts() ? "failed" : "retry";
        transactions.executeWrite(status -> {
            if (outcome.delivered()) {
                deliveries.delivered(delivery.id(), outcome.status());
            } else {
                deliveries.attemptFailed(delivery.id(), settings.maxAttempts(),
                        settings.backoff(attempts).toMillis() / 1000.0, outcome.status(), outcome.error());
            }
            return null;
        });
        registry.counter("bulwark_alert_deliveries", "kind", kind, "outcome", result).increment();
        if (!outcome.delivered()) {
            LOG.warn("alert delivery {} to channel {} attempt {}: {}", delivery.id(), delivery.channelId(), attempts, outcome.error());
        }
    }
}
