package dev.bulwark.controlplane.dataplane;

import dev.bulwark.controlplane.kernel.PlatformTable;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What each data plane reported last, shared by every control-plane replica. Times come from the
 * database's clock ({@code now()}), so replicas with skewed clocks agree. Joins the caller's transaction.
 */
@PlatformTable("a data plane serves every tenant of its environment")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DataPlaneRepository extends GenericRepository<DataPlaneRow, String> {

    /** A data plane as listed, with the latest version published for its environment. */
    @Introspected
    record Listed(String id, String environment, @Nullable String softwareVersion, long appliedVersion, @Nullable String appliedHash,
                  @Nullable Instant appliedAt, Instant lastSeenAt, long publishedVersion, boolean connected, @Nullable String lastError,
                  @Nullable String publicUrl, String breakers) {
    }

    /** A reconnect (to this or another replica) starts a fresh record of its state. */
    @Query("""
            INSERT INTO data_plane (id, environment, credential_id, software_version, applied_version, applied_hash,
                                    connected_at, disconnected_at, last_seen_at, last_error, public_url)
            VALUES (:id, :environment, :credentialId, :softwareVersion, :appliedVersion, :appliedHash, now(), NULL, now(), NULL,
                    :publicUrl)
            ON CONFLICT (id) DO UPDATE SET environment = excluded.environment, credential_id = excluded.credential_id,
                software_version = excluded.software_version, applied_version = excluded.applied_version,
                applied_hash = excluded.applied_hash, connected_at = now(), disconnected_at = NULL, last_seen_at = now(),
                last_error = NULL, breakers = '[]', public_url = excluded.public_url""")
    int connected(String id, String environment, UUID credentialId, @Nullable String softwareVersion,
                  long appliedVersion, @Nullable String appliedHash, @Nullable String publicUrl);

    @Query("""
            UPDATE data_plane SET applied_version = :appliedVersion, applied_hash = :appliedHash, applied_at = now(),
                last_seen_at = now(), last_error = NULL WHERE id = :id""")
    int applied(String id, long appliedVersion, String appliedHash);

    @Query("UPDATE data_plane SET last_error = :lastError, last_seen_at = now() WHERE id = :id")
    int refused(String id, String lastError);

    /** A heartbeat: alive, and the breakers it reports replace the previous ones ({@code breakersJson}: a JSON array). */
    @Query("UPDATE data_plane SET last_seen_at = now(), breakers = CAST(:breakersJson AS jsonb) WHERE id = :id")
    int seen(String id, String breakersJson);

    @Query("UPDATE data_plane SET disconnected_at = now() WHERE id = :id")
    int disconnected(String id);

    /** Connected: not disconnected and heard from within {@code silenceSeconds}. */
    @Query("""
            SELECT d.id, d.environment, d.software_version, d.applied_version, d.applied_hash, d.applied_at, d.last_seen_at,
                   COALESCE(p.version, 0) AS published_version,
                   d.disconnected_at IS NULL AND d.last_seen_at > now() - make_interval(secs => :silenceSeconds) AS connected,
                   d.last_error, d.public_url, d.breakers::text AS breakers
            FROM data_plane d
            LEFT JOIN (SELECT environment, max(version) AS version FROM published_snapshot GROUP BY environment) p
              ON p.environment = d.environment
            ORDER BY d.environment, d.id""")
    List<Listed> list(double silenceSeconds);
}
