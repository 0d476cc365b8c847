package dev.bulwark.controlplane.incident.response;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.incident.Detector;
import dev.bulwark.controlplane.incident.response.ResponseViews.ResponseSetting;
import dev.bulwark.controlplane.incident.response.ResponseViews.SettingRequest;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Per tenant and detector: which automatic response, if any, and for how long. Off unless an admin sets one. */
@Singleton
class ResponseSettings {
    static final int MIN_SECONDS = 10;
    static final int MAX_SECONDS = 7 * 24 * 3600;

    private final Sql sql;
    private final AuditTrail audit;

    ResponseSettings(Sql sql, AuditTrail audit) {
        this.sql = sql;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    ResponseSetting get(TenantId tenant, String detector) {
        return find(tenant, require(detector)).orElse(new ResponseSetting(detector, null, null));
    }

    /** The setting that applies to a new incident of {@code detector}, if any. */
    Optional<ResponseSetting> find(TenantId tenant, Detector detector) {
        return sql.one("SELECT action, duration_seconds FROM incident_response_setting WHERE tenant_id = ? AND detector = ?",
                row -> new ResponseSetting(detector.label(), row.getString("action"), row.getInt("duration_seconds")),
                tenant, detector.label());
    }

    @Transactional
    ResponseSetting set(Principal actor, String detectorLabel, SettingRequest body) {
        Detector detector = require(detectorLabel);
        if (!ResponseAction.RESPONDING.contains(detector)) {
            throw ProblemException.invalid("action", detector.label() + " incidents name an API, not a client address or an"
                    + " application: no automatic response applies");
        }
        String action = body == null || body.action() == null ? "" : body.action().strip();
        if (ResponseAction.parse(action).isEmpty()) {
            throw ProblemException.invalid("action", "action must be one of " + ResponseAction.labels());
        }
        Integer seconds = body.durationSeconds();
        if (seconds == null || seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw ProblemException.invalid("durationSeconds", "durationSeconds must be between " + MIN_SECONDS + " and " + MAX_SECONDS);
        }
        ResponseSetting before = find(actor.tenantId(), detector).orElse(null);
        sql.update("""
                INSERT INTO incident_response_setting (tenant_id, detector, action, duration_seconds) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, detector) DO UPDATE SET action = EXCLUDED.action, duration_seconds = EXCLUDED.duration_seconds""",
                actor.tenantId(), detector.label(), action, seconds);
        ResponseSetting after = new ResponseSetting(detector.label(), action, seconds);
        audit.record(actor, "incident-response.configure", "incident-detector", detector.label(), before, after);
        return after;
    }

    @Transactional
    ResponseSetting clear(Principal actor, String detectorLabel) {
        Detector detector = require(detectorLabel);
        ResponseSetting before = find(actor.tenantId(), detector).orElse(null);
        sql.update("DELETE FROM incident_response_setting WHERE tenant_id = ? AND detector = ?", actor.tenantId(), detector.label());
        ResponseSetting after = new ResponseSetting(detector.label(), null, null);
        if (before != null) {
            audit.record(actor, "incident-response.configure", "incident-detector", detector.label(), before, after);
        }
        return after;
    }

    private static Detector require(String label) {
        return Detector.parse(label).orElseThrow(() -> ProblemException.notFound("Detector"));
    }
}
