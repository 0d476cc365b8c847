package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.CrossTenant;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Developer sessions. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeveloperSessionRepository extends GenericRepository<DeveloperSessionRow, UUID> {

    /** A current session with the developer and tenant it belongs to. */
    @Introspected
    record Current(UUID id, UUID tenantId, UUID developerId, Instant expiresAt, String email, String slug) {
    }

    void insert(DeveloperSessionRow row);

    @CrossTenant("a presented session token names no tenant: its hash is what finds the session and its tenant")
    @Query("""
            SELECT s.id, s.tenant_id, s.developer_id, s.expires_at, d.email, t.slug
            FROM developer_session s
            JOIN developer d ON d.id = s.developer_id AND d.tenant_id = s.tenant_id
            JOIN tenant t ON t.id = s.tenant_id
            WHERE s.token_hash = :tokenHash AND s.expires_at > :now AND d.password_hash IS NOT NULL""")
    Optional<Current> findCurrent(byte[] tokenHash, Instant now);

    void deleteByTenantIdAndId(TenantId tenantId, UUID id);

    @CrossTenant("housekeeping: expired sessions of every tenant go")
    void deleteByExpiresAtLessThan(Instant now);
}
