package dev.bulwark.controlplane.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.incident.IncidentListener;
import dev.bulwark.controlplane.incident.IncidentService;
import dev.bulwark.controlplane.incident.IncidentView;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises alerts: when the detectors open or reopen an incident, queues one delivery per enabled
 * channel of the tenant whose minimum severity the incident reaches. Queuing is a few inserts; the
 * sending is {@link AlertWorker}'s, so the detector's thread never waits on a receiver.
 */
@Singleton
class AlertQueue implements IncidentListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertQueue.class);
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private final ChannelRepository channels;
    private final DeliveryRepository deliveries;
    private final IncidentService incidents;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;
    private final String publicUrl;

    AlertQueue(ChannelRepository channels, DeliveryRepository deliveries, IncidentService incidents,
               TransactionOperations<Connection> transactions, ObjectMapper json, @Value("${bulwark.public-url:}") String publicUrl) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.incidents = incidents;
        this.transactions = transactions;
        this.json = json;
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    @Override
    public void changed(UUID tenantId, UUID incidentId, String kind) {
        if (!kind.equals("opened") && !kind.equals("reopened")) {
            return; // a group crossing again while active is evidence, not news
        }
        try {
            transactions.executeWrite(status -> {
                TenantId tenant = new TenantId(tenantId);
                IncidentView incident = incidents.get(tenant, incidentId).incident();
                AlertEvent event = new AlertEvent("incident." + kind, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        incident.severity(), incident.detector(), incident.summary(), incident,
                        publicUrl.isEmpty() ? null : publicUrl + "/incidents/" + incidentId, null);
                for (ChannelRow channel : channels.findByTenantId(tenant)) {
                    if (channel.enabled() && reaches(incident.severity(), channel.minSeverity())) {
                        enqueue(channel, incidentId, event);
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            // The incident is committed and shown in the portal; a lost alert must not stop detection.
            LOG.error("could not queue alerts for incident {} of tenant {}", incidentId, tenantId, e);
        }
    }

    /** Queues one delivery in the caller's transaction; returns its id. */
    UUID enqueue(ChannelRow channel, UUID incidentId, AlertEvent event) {
        UUID id = Ids.next();
        try {
            deliveries.enqueue(id, channel.tenantId(), channel.id(), incidentId, event.type(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static boolean reaches(String severity, String minimum) {
        return SEVERITIES.indexOf(severity.toLowerCase(Locale.ROOT)) >= SEVERITIES.indexOf(minimum);
    }
}
