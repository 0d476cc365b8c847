package dev.bulwark.controlplane.domain;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code domain_claim}: the {@link DomainClaim} with its tenant. */
@MappedEntity("domain_claim")
record DomainClaimRow(@Id UUID id, TenantId tenantId, String domain, String token, @Nullable String verifiedBy,
                      @Nullable Instant verifiedAt, Instant createdAt) {

    static DomainClaimRow of(TenantId tenant, DomainClaim claim) {
        return new DomainClaimRow(claim.id(), tenant, claim.domain(), claim.token(), claim.verifiedBy(),
                claim.verifiedAt(), claim.createdAt());
    }

    DomainClaim toClaim() {
        return new DomainClaim(id, domain, token, verifiedBy, verifiedAt, createdAt);
    }
}
