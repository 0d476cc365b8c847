package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.kernel.Ids;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Incidents (incidentId): one open incident per tenant, written as the detectors write it (they
 * have no HTTP route that creates one). Detector names are shared values, not tenant-owned ids.
 */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class IncidentSeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        UUID id = Ids.next();
        UUID responseId = Ids.next();
        try (Connection connection = tenant.database().connect();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO incident (id, tenant_id, detector, api_id, subject, subject_kind, severity, status, event_count,
                         first_seen, last_seen, opened_at, summary)
                     VALUES (?, ?, 'credential-stuffing', 'pets', '203.0.113.7', 'client-address', 'high', 'open', 25,
                         now(), now(), now(), '25 authentication failures from 203.0.113.7 within 60 s')""")) {
            insert.setObject(1, id);
            insert.setObject(2, tenant.owner().tenantId());
            insert.executeUpdate();
            try (PreparedStatement response = connection.prepareStatement("""
                    INSERT INTO incident_response (id, tenant_id, incident_id, detector, action, target, created_at, expires_at)
                    VALUES (?, ?, ?, 'credential-stuffing', 'block-address', '203.0.113.7', now(), now() + interval '1 day')""")) {
                response.setObject(1, responseId);
                response.setObject(2, tenant.owner().tenantId());
                response.setObject(3, id);
                response.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed an incident", e);
        }
        return Map.of("incidentId", id.toString(), "responseId", responseId.toString());
    }

    @Override
    public Map<String, String> sharedValues() {
        return Map.of("detector", "credential-stuffing");
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of("PUT /api/v1/incidents/{incidentId}/assignee", "{\"assignee\": \"someone@example.test\"}",
                "POST /api/v1/incidents/{incidentId}/notes", "{\"text\": \"isolation probe\"}",
                "PUT /api/v1/incident-detectors/{detector}", "{\"threshold\": 5}");
    }
}
