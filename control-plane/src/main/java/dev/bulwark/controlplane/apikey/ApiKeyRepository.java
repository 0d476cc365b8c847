package dev.bulwark.controlplane.apikey;

import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.JsonColumns;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys. Every method is scoped to one tenant, except {@link #findForVerification}: a gateway
 * presenting a key does not know its tenant yet, and the lookup id is what tells it.
 */
@Singleton
public class ApiKeyRepository {
    private static final String COLUMNS = "id, application_id, lookup_id, label, scopes::text AS scopes, environment, "
            + "expires_at, revoked_at, last_used_at, rotated_from, created_at";

    /** A stored key with its digest, for verification only. */
    record Stored(ApiKey key, TenantId tenantId, String digest) {
    }

    private final Sql sql;
    private final JsonColumns json;

    public ApiKeyRepository(Sql sql, JsonColumns json) {
        this.sql = sql;
        this.json = json;
    }

    /** False when the lookup id is taken (the caller draws a new key). */
    boolean insert(TenantId tenant, ApiKey key, String digest) {
        return sql.update("INSERT INTO api_key (id, tenant_id, application_id, lookup_id, digest, label, scopes, environment, "
                        + "expires_at, rotated_from, created_at) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) "
                        + "ON CONFLICT (lookup_id) DO NOTHING",
                key.id(), tenant, key.applicationId(), key.lookupId(), digest, key.label(), json.write(key.scopes()),
                key.environment(), key.expiresAt(), key.rotatedFrom(), key.createdAt()) == 1;
    }

    public Optional<ApiKey> find(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? AND id = ?", this::map, tenant, id);
    }

    public List<ApiKey> list(TenantId tenant, UUID applicationId, KeysetCursor cursor) {
        return sql.list("SELECT " + COLUMNS + " FROM api_key WHERE tenant_id = ? AND application_id = ? AND id > ? "
                + "ORDER BY id LIMIT ?", this::map, tenant, applicationId, cursor.after(), cursor.fetchSize());
    }

    Optional<Stored> findForVerification(String lookupId) {
        return sql.one("SELECT " + COLUMNS + ", tenant_id, digest FROM api_key WHERE lookup_id = ?",
                row -> new Stored(map(row), new TenantId(row.getObject("tenant_id", UUID.class)), row.getString("digest")),
                lookupId);
    }

    /** Ends a key's validity no later than {@code at}; never extends it. */
    void expireBy(TenantId tenant, UUID id, Instant at) {
        sql.update("UPDATE api_key SET expires_at = LEAST(coalesce(expires_at, ?), ?), version = version + 1 "
                + "WHERE tenant_id = ? AND id = ?", at, at, tenant, id);
    }

    /** True when this call revoked it; false when it already was. */
    boolean revoke(TenantId tenant, UUID id, Instant at) {
        return sql.update("UPDATE api_key SET revoked_at = ?, version = version + 1 "
                + "WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL", at, tenant, id) == 1;
    }

    /** Records use reported by usage ingestion; only ever moves forward. */
    public void markUsed(TenantId tenant, UUID id, Instant at) {
        sql.update("UPDATE api_key SET last_used_at = GREATEST(coalesce(last_used_at, ?), ?) WHERE tenant_id = ? AND id = ?",
                at, at, tenant, id);
    }

    private ApiKey map(ResultSet row) throws SQLException {
        return new ApiKey(row.getObject("id", UUID.class), row.getObject("application_id", UUID.class),
                row.getString("lookup_id"), row.getString("label"), json.strings(row.getString("scopes")),
                Environment.fromWire(row.getString("environment")), Sql.instant(row, "expires_at"),
                Sql.instant(row, "revoked_at"), Sql.instant(row, "last_used_at"), row.getObject("rotated_from", UUID.class),
                Sql.instant(row, "created_at"));
    }
}
