package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code api_audit}: the latest audit of one API. */
@MappedEntity("api_audit")
record ApiAuditRow(@Id UUID apiId, TenantId tenantId, int score, String grade, @Nullable Integer securityScore,
                   @Nullable Integer dataValidationScore, @TypeDef(type = DataType.JSON) List<ApiAudits.FindingView> findings, Instant auditedAt) {

    ApiAudits.AuditView toView() {
        return new ApiAudits.AuditView(apiId, score, grade, securityScore, dataValidationScore, auditedAt, findings);
    }
}
