package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs the security audit of an API's document when it is published and keeps the latest result. */
@Singleton
public class ApiAudits {
    /** One finding as stored and shown: {@code location} is a JSON pointer into the document. */
    public record FindingView(String ruleId, String severity, String owasp, String message, String location,
                              String remediation) {
    }

    public record AuditView(UUID apiId, int score, String grade, Instant auditedAt, List<FindingView> findings) {
    }

    private final ApiAuditor auditor = ApiAuditor.withDefaultRules();
    private final OpenApiImporter importer;
    private final ApiAuditRepository audits;

    ApiAudits(OpenApiImporter importer, ApiAuditRepository audits) {
        this.importer = importer;
        this.audits = audits;
    }

    public AuditView auditAndStore(TenantId tenant, Api api) {
        AuditReport report = auditor.audit(importer.parse(api.openapi()).document());
        List<FindingView> findings = report.findings().stream()
                .map(f -> new FindingView(f.ruleId(), f.severity().name(), f.owaspCategory().name(), f.message(),
                        f.location().toString(), f.remediation()))
                .toList();
        AuditView view = new AuditView(api.id(), report.score().value(), report.score().grade().name(), Instant.now(), findings);
        audits.save(api.id(), tenant, view.score(), view.grade(), findings, view.auditedAt());
        return view;
    }

    public Optional<AuditView> latest(TenantId tenant, UUID apiId) {
        return audits.findByTenantIdAndApiId(tenant, apiId).map(ApiAuditRow::toView);
    }
}
