package dev.bulwark.controlplane.incident;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The tenant's detector settings: defaults, overridden per detector, every change audited. */
@Singleton
public class DetectorSettingsService {
    static final int MIN_WINDOW_SECONDS = 10;
    static final int MAX_WINDOW_SECONDS = 86_400;
    static final int MAX_THRESHOLD = 1_000_000;

    /** A detector as the API shows it: effective settings, the defaults, and whether the tenant overrides them. */
    public record DetectorView(String detector, boolean enabled, int threshold, long windowSeconds, boolean countsDistinct,
                               String severity, int defaultThreshold, long defaultWindowSeconds, boolean overridden) {
    }

    /** A tenant override; a missing field keeps the default. */
    public record Override(Boolean enabled, Integer threshold, Integer windowSeconds) {
    }

    private final DetectorSettingRepository settings;
    private final TransactionOperations<Connection> transactions;
    private final AuditTrail auditTrail;

    DetectorSettingsService(DetectorSettingRepository settings, TransactionOperations<Connection> transactions,
                            AuditTrail auditTrail) {
        this.settings = settings;
        this.transactions = transactions;
        this.auditTrail = auditTrail;
    }

    public List<DetectorView> list(TenantId tenant) {
        return transactions.executeRead(status -> {
            Map<Detector, DetectorSettingRow> overrides = overrides(tenant);
            return Arrays.stream(Detector.values()).map(d -> view(d, overrides.get(d))).toList();
        });
    }

    public DetectorView update(Principal actor, String label, Override body) {
        Detector detector = detector(label);
        Override override = body == null ? new Override(null, null, null) : body;
        List<Violation> errors = new ArrayList<>();
        int threshold = override.threshold() == null ? detector.defaultThreshold() : override.threshold();
        int window = override.windowSeconds() == null ? (int) detector.defaultWindow().toSeconds() : override.windowSeconds();
        if (threshold < 1 || threshold > MAX_THRESHOLD) {
            errors.add(new Violation("threshold", "threshold must be between 1 and " + MAX_THRESHOLD));
        }
        if (window < MIN_WINDOW_SECONDS || window > MAX_WINDOW_SECONDS) {
            errors.add(new Violation("windowSeconds", "windowSeconds must be between " + MIN_WINDOW_SECONDS + " and "
                    + MAX_WINDOW_SECONDS));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        boolean enabled = override.enabled() == null || override.enabled();
        return transactions.executeWrite(status -> {
            DetectorView before = view(detector, overrides(actor.tenantId()).get(detector));
            settings.upsert(Ids.next(), actor.tenantId(), detector.label(), enabled, threshold, window);
            DetectorView after = view(detector, overrides(actor.tenantId()).get(detector));
            auditTrail.record(actor, "incident.detector.update", "incident-detector", detector.label(), before, after);
            return after;
        });
    }

    /** Drops the tenant's override: the detector runs with its defaults again. */
    public DetectorView reset(Principal actor, String label) {
        Detector detector = detector(label);
        return transactions.executeWrite(status -> {
            DetectorView before = view(detector, overrides(actor.tenantId()).get(detector));
            settings.deleteByTenantIdAndDetector(actor.tenantId(), detector.label());
            DetectorView after = view(detector, null);
            auditTrail.record(actor, "incident.detector.reset", "incident-detector", detector.label(), before, after);
            return after;
        });
    }

    private Map<Detector, DetectorSettingRow> overrides(TenantId tenant) {
        Map<Detector, DetectorSettingRow> found = new EnumMap<>(Detector.class);
        for (DetectorSettingRow row : settings.findByTenantId(tenant)) {
            Detector.parse(row.detector()).ifPresent(d -> found.put(d, row));
        }
        return found;
    }

    private static DetectorView view(Detector detector, DetectorSettingRow row) {
        DetectorSettings effective = row == null ? DetectorSettings.defaults(detector)
                : row.settings().orElse(DetectorSettings.defaults(detector));
        return new DetectorView(detector.label(), effective.enabled(), effective.threshold(), effective.window().toSeconds(),
                detector.countsDistinct(), detector.severity().label(), detector.defaultThreshold(),
                detector.defaultWindow().toSeconds(), row != null);
    }

    private static Detector detector(String label) {
        return Detector.parse(label).orElseThrow(() -> ProblemException.notFound("Detector"));
    }
}
