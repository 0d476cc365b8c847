package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The latest audit of each API. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiAuditRepository extends GenericRepository<ApiAuditRow, UUID> {

    /** Replaces the API's previous audit, if any. */
    @Query("""
            INSERT INTO api_audit (api_id, tenant_id, score, grade, security_score, data_validation_score, findings, audited_at)
            VALUES (:apiId, :tenantId, :score, :grade, :securityScore, :dataValidationScore, CAST(:findings AS jsonb), :auditedAt)
            ON CONFLICT (api_id) DO UPDATE SET score = EXCLUDED.score, grade = EXCLUDED.grade,
                security_score = EXCLUDED.security_score, data_validation_score = EXCLUDED.data_validation_score,
                findings = EXCLUDED.findings, audited_at = EXCLUDED.audited_at""")
    void save(UUID apiId, TenantId tenantId, int score, String grade, @Nullable Integer securityScore,
              @Nullable Integer dataValidationScore, List<ApiAudits.FindingView> findings, Instant auditedAt);

    Optional<ApiAuditRow> findByTenantIdAndApiId(TenantId tenantId, UUID apiId);
}
