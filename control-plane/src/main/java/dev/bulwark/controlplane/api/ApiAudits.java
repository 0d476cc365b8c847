package dev.bulwark.controlplane.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.kernel.JsonColumns;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
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

    private static final TypeReference<List<FindingView>> FINDINGS = new TypeReference<>() { };

    private final ApiAuditor auditor = ApiAuditor.withDefaultRules();
    private final OpenApiImporter importer;
    private final Sql sql;
    private final JsonColumns json;
    private final ObjectMapper mapper;

    public ApiAudits(OpenApiImporter importer, Sql sql, JsonColumns json, ObjectMapper mapper) {
        this.importer = importer;
        this.sql = sql;
        this.json = json;
        this.mapper = mapper;
    }

    public AuditView auditAndStore(TenantId tenant, Api api) {
        AuditReport report = auditor.audit(importer.parse(api.openapi()).document());
        List<FindingView> findings = report.findings().stream()
                .map(f -> new FindingView(f.ruleId(), f.severity().name(), f.owaspCategory().name(), f.message(),
                        f.location().toString(), f.remediation()))
                .toList();
        AuditView view = new AuditView(api.id(), report.score().value(), report.score().grade().name(), Instant.now(), findings);
        sql.update("INSERT INTO api_audit (api_id, tenant_id, score, grade, findings, audited_at) VALUES (?, ?, ?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT (api_id) DO UPDATE SET score = EXCLUDED.score, grade = EXCLUDED.grade, "
                        + "findings = EXCLUDED.findings, audited_at = EXCLUDED.audited_at",
                api.id(), tenant, view.score(), view.grade(), json.write(findings), view.auditedAt());
        return view;
    }

    public Optional<AuditView> latest(TenantId tenant, UUID apiId) {
        return sql.one("SELECT score, grade, findings::text AS findings, audited_at FROM api_audit WHERE tenant_id = ? AND api_id = ?",
                row -> new AuditView(apiId, row.getInt("score"), row.getString("grade"), Sql.instant(row, "audited_at"),
                        readFindings(row.getString("findings"))),
                tenant, apiId);
    }

    private List<FindingView> readFindings(String text) {
        try {
            return mapper.readValue(text, FINDINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored findings are unreadable", e);
        }
    }
}
