package dev.bulwark.controlplane.alert;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.alert.ChannelViews.ChannelCreated;
import dev.bulwark.controlplane.alert.ChannelViews.ChannelRequest;
import dev.bulwark.controlplane.alert.ChannelViews.ChannelView;
import dev.bulwark.controlplane.alert.ChannelViews.DeliveryView;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.secret.KeyEncryptionKey;
import dev.bulwark.controlplane.secret.OpaqueTokens;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A tenant's alert channels: created, read, tested and removed by its admins; every change audited. */
@Singleton
class AlertChannels {
    static final int MAX_CHANNELS = 20;
    static final int MAX_NAME = 100;
    static final int MAX_CA_PEM = 16_384;
    private static final Set<String> KINDS = Set.of("webhook", "slack", "syslog");
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    private static final UUID LAST = new UUID(-1L, -1L);

    private final ChannelRepository channels;
    private final DeliveryRepository deliveries;
    private final AlertDestinations destinations;
    private final KeyEncryptionKey kek;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> transactions;
    private final AlertQueue queue;

    AlertChannels(ChannelRepository channels, DeliveryRepository deliveries, AlertDestinations destinations, KeyEncryptionKey kek,
                  AuditTrail audit, TransactionOperations<Connection> transactions, AlertQueue queue) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.kek = kek;
        this.audit = audit;
        this.transactions = transactions;
        this.queue = queue;
    }

    List<ChannelView> list(TenantId tenant) {
        return transactions.executeRead(status -> channels.findByTenantId(tenant).stream()
                .sorted(java.util.Comparator.comparing(ChannelRow::name)).map(ChannelView::of).toList());
    }

    ChannelView get(TenantId tenant, UUID id) {
        return ChannelView.of(transactions.executeRead(status -> require(tenant, id)));
    }

    ChannelCreated create(Principal actor, ChannelRequest body) {
        ChannelRow draft = validate(actor.tenantId(), body); // resolves names: outside the transaction
        String secret = draft.kind().equals("webhook") ? OpaqueTokens.issue("whsec_") : null;
        ChannelRow row = secret == null ? draft : withSecret(draft, secret);
        return transactions.executeWrite(status -> {
            if (channels.existsByTenantIdAndName(actor.tenantId(), row.name())) {
                throw ProblemException.conflict("ALERT_CHANNEL_NAME_TAKEN", "An alert channel with this name exists");
            }
            if (channels.findByTenantId(actor.tenantId()).size() >= MAX_CHANNELS) {
                throw ProblemException.conflict("ALERT_CHANNEL_LIMIT", "At most " + MAX_CHANNELS + " alert channels per tenant");
            }
            channels.save(row);
            ChannelView view = ChannelView.of(row);
            audit.record(actor, "alert-channel.create", "alert-channel", row.id().toString(), null, view);
            return new ChannelCreated(view, secret);
        });
    }

    /** A new signing secret for a webhook channel; the old one stops working at once. */
    ChannelCreated rotateSecret(Principal actor, UUID id) {
        return transactions.executeWrite(status -> {
            ChannelRow row = require(actor.tenantId(), id);
            if (!row.kind().equals("webhook")) {
                throw ProblemException.conflict("ALERT_CHANNEL_NOT_SIGNED", "Only webhook channels have a signing secret");
            }
            String secret = OpaqueTokens.issue("whsec_");
            channels.update(withSecret(row, secret));
            audit.record(actor, "alert-channel.rotate-secret", "alert-channel", id.toString(), null, Map.of("kekId", kek.id()));
            return new ChannelCreated(ChannelView.of(row), secret);
        });
    }

    void delete(Principal actor, UUID id) {
        transactions.executeWrite(status -> {
            ChannelRow row = require(actor.tenantId(), id);
            channels.deleteByTenantIdAndId(actor.tenantId(), id);
            audit.record(actor, "alert-channel.delete", "alert-channel", id.toString(), ChannelView.of(row), null);
            return null;
        });
    }

    /** Queues a test alert to the channel; its outcome appears in the delivery log. */
    DeliveryView test(Principal actor, UUID id) {
        return transactions.executeWrite(status -> {
            ChannelRow row = require(actor.tenantId(), id);
            UUID delivery = queue.enqueue(row, null, AlertFormats.testEvent(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            audit.record(actor, "alert-channel.test", "alert-channel", id.toString(), null, Map.of("deliveryId", delivery.toString()));
            return DeliveryView.of(deliveries.findByTenantIdAndId(actor.tenantId(), delivery).orElseThrow());
        });
    }

    Page<DeliveryView> deliveries(TenantId tenant, UUID channel, int limit, UUID before) {
        List<DeliveryRow> rows = transactions.executeRead(status -> {
            require(tenant, channel);
            return deliveries.page(tenant, channel, before == null ? LAST : before, limit + 1);
        });
        List<DeliveryView> items = rows.stream().limit(limit).map(DeliveryView::of).toList();
        return new Page<>(items, rows.size() > limit ? items.get(limit - 1).id().toString() : null);
    }

    /** The webhook secret of a channel, unsealed for signing. */
    String secret(ChannelRow row) throws GeneralSecurityException {
        return new String(kek.decrypt(row.secretSealed(), context(row.id())), StandardCharsets.UTF_8);
    }

    private ChannelRow require(TenantId tenant, UUID id) {
        return channels.findByTenantIdAndId(tenant, id).orElseThrow(() -> ProblemException.notFound("Alert channel"));
    }

    private ChannelRow withSecret(ChannelRow row, String secret) {
        byte[] sealed = kek.encrypt(secret.getBytes(StandardCharsets.UTF_8), context(row.id()));
        return new ChannelRow(row.id(), row.tenantId(), row.name(), row.kind(), row.url(), row.host(), row.port(), row.tls(),
                row.format(), row.caCertificate(), sealed, kek.id(), row.minSeverity(), row.enabled(), row.createdAt(),
                row.securityEvents());
    }

    private static String context(UUID channel) {
        return "alert-channel:" + channel;
    }

    private ChannelRow validate(TenantId tenant, ChannelRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a channel is required");
        }
        List<Violation> problems = new ArrayList<>();
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            problems.add(new Violation("name", "name must be 1 to " + MAX_NAME + " printable characters"));
        }
        String kind = body.kind() == null ? "" : body.kind().strip();
        if (!KINDS.contains(kind)) {
            problems.add(new Violation("kind", "kind must be one of webhook, slack, syslog"));
        }
        String minSeverity = body.minSeverity() == null ? "low" : body.minSeverity().strip();
        if (!SEVERITIES.contains(minSeverity)) {
            problems.add(new Violation("minSeverity", "minSeverity must be one of " + SEVERITIES));
        }
        String url = null;
        String host = null;
        Integer port = null;
        boolean tls = Boolean.TRUE.equals(body.tls());
        String format = null;
        String ca = null;
        if (kind.equals("webhook") || kind.equals("slack")) {
            for (String field : List.of("host", "port", "tls", "format", "caCertificate")) {
                if (present(field, body)) {
                    problems.add(new Violation(field, field + " applies to syslog channels only"));
                }
            }
            url = body.url() == null ? "" : body.url().strip();
            Violation problem = destinations.checkUrl(tenant, url, "url");
            if (problem != null) {
                problems.add(problem);
            }
        } else if (kind.equals("syslog")) {
            if (body.url() != null) {
                problems.add(new Violation("url", "url applies to webhook and slack channels only"));
            }
            host = body.host() == null ? "" : body.host().strip();
            port = body.port();
            if (port == null || port < 1 || port > 65_535) {
                problems.add(new Violation("port", "port must be between 1 and 65535"));
            } else {
                Violation problem = destinations.checkHost(tenant, host, port, "host");
                if (problem != null) {
                    problems.add(problem);
                }
            }
            format = body.format() == null ? "cef" : body.format().strip();
            if (!format.equals("cef") && !format.equals("json")) {
                problems.add(new Violation("format", "format must be cef or json"));
            }
            if (body.caCertificate() != null) {
                ca = body.caCertificate().strip();
                problems.addAll(checkCa(ca, tls));
            }
        }
        boolean securityEvents = Boolean.TRUE.equals(body.securityEvents());
        if (securityEvents && kind.equals("slack")) {
            problems.add(new Violation("securityEvents", "security events are forwarded to webhook and syslog channels only"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new ChannelRow(Ids.next(), tenant, name, kind, url, host, port, tls, format, ca, null, null, minSeverity,
                body.enabled() == null || body.enabled(), Instant.now().truncatedTo(ChronoUnit.MICROS), securityEvents);
    }

    private static List<Violation> checkCa(String pem, boolean tls) {
        if (!tls) {
            return List.of(new Violation("caCertificate", "caCertificate needs tls: true"));
        }
        if (pem.length() > MAX_CA_PEM) {
            return List.of(new Violation("caCertificate", "caCertificate must be at most " + MAX_CA_PEM + " characters"));
        }
        try {
            AlertTransports.trustStore(pem);
            return List.of();
        } catch (GeneralSecurityException | RuntimeException e) {
            return List.of(new Violation("caCertificate", "caCertificate must be one or more PEM X.509 certificates"));
        }
    }

    private static boolean present(String field, ChannelRequest body) {
        return switch (field) {
            case "host" -> body.host() != null;
            case "port" -> body.port() != null;
            case "tls" -> body.tls() != null;
            case "format" -> body.format() != null;
            default -> body.caCertificate() != null;
        };
    }
}
