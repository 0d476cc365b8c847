package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.PlatformTable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.UUID;

/** Logged-out token ids. Joins the caller's transaction. */
@PlatformTable("a token id is random and globally unique; the session it ends is checked against its tenant elsewhere")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RevokedTokenRepository extends GenericRepository<RevokedTokenRow, UUID> {

    /** Logging out twice is not an error. */
    @Query("INSERT INTO revoked_token (jti, expires_at) VALUES (:jti, :expiresAt) ON CONFLICT (jti) DO NOTHING")
    int revoke(UUID jti, Instant expiresAt);

    int deleteByExpiresAtLessThan(Instant expiresAt);
}
