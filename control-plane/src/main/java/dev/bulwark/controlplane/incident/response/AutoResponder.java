package dev.bulwark.controlplane.incident.response;

import dev.bulwark.controlplane.audit.JdbcAuditTrail;
import dev.bulwark.controlplane.incident.Detector;
import dev.bulwark.controlplane.incident.IncidentListener;
import dev.bulwark.controlplane.incident.IncidentService;
import dev.bulwark.controlplane.incident.IncidentView;
import dev.bulwark.controlplane.incident.response.ResponseViews.ResponseSetting;
import dev.bulwark.controlplane.incident.response.ResponseViews.ResponseView;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.snapshot.ConfigurationChanged;
import dev.bulwark.controlplane.sql.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the configured automatic response when a detector opens or reopens an incident, and ends
 * responses when they expire. Either way the gateways learn it through the normal snapshot path
 * ({@link ConfigurationChanged}; the compiler reads {@link ActiveResponses}). Every step is written to
 * the incident's timeline and to the tenant's audit log with the actor {@code bulwark}.
 */
@Singleton
class AutoResponder implements IncidentListener {
    private static final Logger LOG = LoggerFactory.getLogger(AutoResponder.class);
    private static final String ACTOR = "bulwark";

    private final ResponseSettings settings;
    private final IncidentService incidents;
    private final Sql sql;
    private final JdbcAuditTrail audit;
    private final TransactionOperations<Connection> transactions;
    private final ApplicationEventPublisher<ConfigurationChanged> events;
    private final MeterRegistry registry;

    AutoResponder(ResponseSettings settings, IncidentService incidents, Sql sql, JdbcAuditTrail audit,
                  TransactionOperations<Connection> transactions, ApplicationEventPublisher<ConfigurationChanged> events,
                  MeterRegistry registry) {
        this.settings = settings;
        this.incidents = incidents;
        this.sql = sql;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
        this.registry = registry;
    }

    @Override
    public void changed(UUID tenantId, UUID incidentId, String kind) {
        if (!kind.equals("opened") && !kind.equals("reopened")) {
            return;
        }
        try {
            Optional<ResponseView> taken = transactions.executeWrite(status -> respond(new TenantId(tenantId), incidentId));
            taken.ifPresent(response -> {
                registry.counter("bulwark_incident_responses", "action", response.action()).increment();
                events.publishEvent(ConfigurationChanged.everywhere());
            });
        } catch (RuntimeException e) {
            LOG.error("automatic response to incident {} of tenant {} failed", incidentId, tenantId, e);
        }
    }

    private Optional<ResponseView> respond(TenantId tenant, UUID incidentId) {
        IncidentView incident = incidents.find(tenant, incidentId).orElse(null);
        Detector detector = incident == null ? null : Detector.parse(incident.detector()).orElse(null);
        Optional<ResponseSetting> setting = detector == null ? Optional.empty() : settings.find(tenant, detector);
        if (setting.isEmpty()) {
            return Optional.empty();
        }
        ResponseAction action = ResponseAction.parse(setting.get().action()).orElseThrow();
        Optional<String> target = action.target(incident);
        if (target.isEmpty()) {
            incidents.recordAutomatic(tenant, incidentId, "response", "automatic response " + action.label()
                    + " not taken: the incident names no " + (action == ResponseAction.BLOCK_ADDRESS ? "client address" : "application"));
            return Optional.empty();
        }
        UUID id = Ids.next();
        sql.update("""
                INSERT INTO incident_response (id, tenant_id, incident_id, detector, action, target, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, now(), now() + make_interval(secs => ?))""",
                id, tenant, incidentId, detector.label(), action.label(), target.get(), (double) setting.get().durationSeconds());
        ResponseView view = sql.one("SELECT * FROM incident_response WHERE id = ?", ActiveResponses::view, id).orElseThrow();
        String what = action == ResponseAction.BLOCK_ADDRESS ? "blocked " + target.get() + " on every API"
                : "suspended the keys of application " + target.get();
        incidents.recordAutomatic(tenant, incidentId, "response", "Automatically " + what + " until " + view.expiresAt());
        audit.append(tenant, null, ACTOR, "incident-response.apply", "incident-response", id.toString(), null, view);
        return Optional.of(view);
    }

    /** Ends the responses whose time is up: timeline, audit, and a new snapshot without them. */
    @Scheduled(fixedDelay = "${bulwark.incidents.response-check:5s}", initialDelay = "5s")
    void expire() {
        List<ResponseView> ended = transactions.executeWrite(status -> {
            List<ResponseView> due = sql.list("""
                    UPDATE incident_response SET lifted_at = expires_at, lifted_by = 'expiry'
                    WHERE id IN (SELECT id FROM incident_response WHERE lifted_at IS NULL AND expires_at <= now()
                                 ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)
                    RETURNING *""", ActiveResponses::view);
            for (ResponseView response : due) {
                TenantId tenant = new TenantId(sql.one("SELECT tenant_id FROM incident_response WHERE id = ?",
                        row -> Sql.uuid(row, "tenant_id"), response.id()).orElseThrow());
                incidents.recordAutomatic(tenant, response.incidentId(), "response-ended",
                        "Automatic response " + response.action() + " of " + response.target() + " expired");
                audit.append(tenant, null, ACTOR, "incident-response.expire", "incident-response", response.id().toString(),
                        null, response);
            }
            return due;
        });
        if (!ended.isEmpty()) {
            events.publishEvent(ConfigurationChanged.everywhere());
        }
    }
}
