package dev.bulwark.controlplane.incident;

import dev.bulwark.controlplane.usage.DeliveredEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The detectors' entry point: one transaction per batch of security events, and the periodic
 * purge of their counters. Counts opened incidents per detector ({@code bulwark_incidents_opened_total}).
 */
@Singleton
public class IncidentDetection {
    private final TransactionOperations<Connection> transactions;
    private final DetectionWriter writer;
    private final List<IncidentListener> listeners;
    private final List<SecurityEventListener> forwarders;
    private final Map<Detector, Counter> opened = new EnumMap<>(Detector.class);

    IncidentDetection(TransactionOperations<Connection> transactions, IncidentSettings settings, MeterRegistry registry,
                      List<IncidentListener> listeners, List<SecurityEventListener> forwarders, PersonalDataOperations personalData) {
        this.transactions = transactions;
        Clock clock = Clock.systemUTC();
        this.writer = new DetectionWriter(settings, new IncidentRecorder(settings.reopenWithin(), clock), clock,
                personalData::operations);
        this.listeners = listeners;
        this.forwarders = forwarders;
        for (Detector detector : Detector.values()) {
            opened.put(detector, Counter.builder("bulwark_incidents_opened").tag("detector", detector.label())
                    .description("Incidents opened or reopened by the detectors").register(registry));
        }
    }

    /** Runs the detectors over the batch; returns how many incidents it opened, reopened or detected again. */
    public int detect(List<DeliveredEvent> batch) {
        List<IncidentRecorder.Change> changes = transactions.executeWrite(status -> {
            try {
                DetectionWriter.Written written = writer.write(status.getConnection(), batch);
                forwarders.forEach(forwarder -> forwarder.received(written.security()));
                return written.changes();
            } catch (SQLException e) {
                throw new IllegalStateException("incident detection failed", e);
            }
        });
        for (IncidentRecorder.Change change : changes) {
            if (!change.kind().equals("detected")) {
                opened.get(change.detector()).increment();
            }
            listeners.forEach(listener -> listener.changed(change.tenantId(), change.incidentId(), change.kind()));
        }
        return changes.size();
    }

    void purge() {
        transactions.executeWrite(status -> {
            try {
                writer.purge(status.getConnection());
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException("incident counter purge failed", e);
            }
        });
    }
}
