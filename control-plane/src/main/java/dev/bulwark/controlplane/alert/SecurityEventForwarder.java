package dev.bulwark.controlplane.alert;

import dev.bulwark.contracts.event.SecurityEvent;
import dev.bulwark.controlplane.incident.SecurityEventListener;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.usage.DeliveredEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Forwards security events to the channels that opted in ({@code securityEvents}, webhook and
 * syslog): one delivery per event whose severity reaches the channel's minimum, queued in the
 * detectors' transaction. At most {@link #MAX_PER_CHANNEL} per channel and batch (a batch is at most
 * 500 events, about a second of a busy gateway): an attack's flood must not bury the delivery queue;
 * what is left out is counted ({@code bulwark_alert_security_events_skipped_total}) and the attack
 * still reaches the channel as an incident.
 */
@Singleton
class SecurityEventForwarder implements SecurityEventListener {
    static final int MAX_PER_CHANNEL = 50;
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private final ChannelRepository channels;
    private final AlertQueue queue;
    private final Counter skipped;

    SecurityEventForwarder(ChannelRepository channels, AlertQueue queue, MeterRegistry registry) {
        this.channels = channels;
        this.queue = queue;
        this.skipped = Counter.builder("bulwark_alert_security_events_skipped")
                .description("Security events not forwarded: over the per-channel limit of one batch").register(registry);
    }

    @Override
    public void received(List<DeliveredEvent> events) {
        Map<UUID, List<SecurityEvent>> byTenant = new LinkedHashMap<>();
        for (DeliveredEvent delivered : events) {
            byTenant.computeIfAbsent(delivered.tenantId(), tenant -> new ArrayList<>()).add(delivered.security());
        }
        byTenant.forEach((tenant, tenantEvents) -> {
            for (ChannelRow channel : channels.findByTenantId(new TenantId(tenant))) {
                if (channel.enabled() && channel.securityEvents() && !channel.kind().equals("slack")) {
                    forward(channel, tenantEvents);
                }
            }
        });
    }

    private void forward(ChannelRow channel, List<SecurityEvent> events) {
        int queued = 0;
        for (SecurityEvent event : events) {
            String severity = ForwardedEvent.severity(event);
            if (SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(channel.minSeverity())) {
                continue;
            }
            if (queued == MAX_PER_CHANNEL) {
                skipped.increment();
                continue;
            }
            ForwardedEvent forwarded = ForwardedEvent.of(event);
            queue.enqueue(channel, null, new AlertEvent("security-event", event.at().truncatedTo(ChronoUnit.MILLIS), severity,
                    forwarded.type(), summary(forwarded), null, null, forwarded));
            queued++;
        }
    }

    /** One line: what, where, from whom; the path is left to the event's fields. */
    private static String summary(ForwardedEvent event) {
        return event.type() + " " + event.errorKey() + (event.apiId() == null ? "" : " on API " + event.apiId())
                + (event.clientIp() == null ? "" : " from " + event.clientIp());
    }
}
