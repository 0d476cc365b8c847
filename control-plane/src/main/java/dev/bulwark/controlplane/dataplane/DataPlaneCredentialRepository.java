package dev.bulwark.controlplane.dataplane;

import dev.bulwark.controlplane.kernel.PlatformTable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Data-plane credentials by digest or id. Joins the caller's transaction. */
@PlatformTable("a data plane serves every tenant of its environment, so its credential belongs to none")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DataPlaneCredentialRepository extends GenericRepository<DataPlaneCredentialRow, UUID> {

    void insert(DataPlaneCredentialRow row);

    /** The bootstrap credential is registered on every start: a known digest is left as it is. */
    @Query("""
            INSERT INTO data_plane_credential (id, environment, name, secret_hash, prefix, created_at, created_by)
            VALUES (:id, :environment, :name, :secretHash, :prefix, :createdAt, :createdBy) ON CONFLICT (secret_hash) DO NOTHING""")
    int insertUnlessKnown(UUID id, String environment, String name, String secretHash, String prefix, Instant createdAt,
                          String createdBy);

    Optional<DataPlaneCredentialRow> findBySecretHashAndRevokedAtIsNull(String secretHash);

    @Query("UPDATE data_plane_credential SET last_used_at = now() WHERE id = :id")
    int touch(UUID id);

    @Query("UPDATE data_plane_credential SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
    int revoke(UUID id);

    @Query("SELECT id FROM data_plane_credential WHERE id IN (:ids) AND revoked_at IS NOT NULL")
    List<UUID> revokedAmong(Collection<UUID> ids);

    @Query("SELECT * FROM data_plane_credential ORDER BY created_at, id")
    List<DataPlaneCredentialRow> list();
}
