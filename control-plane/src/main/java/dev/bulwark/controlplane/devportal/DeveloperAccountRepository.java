package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Developers as portal accounts (email and password hash). Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeveloperAccountRepository extends GenericRepository<DeveloperAccountRow, UUID> {

    void insert(DeveloperAccountRow row);

    Optional<DeveloperAccountRow> findByTenantIdAndEmail(TenantId tenantId, String email);

    /** The same row, locked for the rest of the transaction (sign-up decides between create and claim). */
    @Query("SELECT * FROM developer WHERE tenant_id = :tenantId AND email = :email FOR UPDATE")
    Optional<DeveloperAccountRow> lockByEmail(TenantId tenantId, String email);

    /** A console-registered developer claims the record: password, name and sign-up time. */
    @Query("""
            UPDATE developer SET password_hash = :passwordHash, name = :name, signed_up_at = :signedUpAt,
                version = version + 1
            WHERE tenant_id = :tenantId AND id = :id""")
    void claim(TenantId tenantId, UUID id, String passwordHash, String name, Instant signedUpAt);

    @Query("UPDATE developer SET password_hash = :passwordHash WHERE tenant_id = :tenantId AND id = :id")
    void rehash(TenantId tenantId, UUID id, String passwordHash);
}
