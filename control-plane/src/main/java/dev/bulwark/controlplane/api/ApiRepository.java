package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.Constraints;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.JsonColumns;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** APIs and their environments. Every method is scoped to one tenant. */
@Singleton
public class ApiRepository {
    private static final String COLUMNS = "id, tenant_id, name, version_label, host, base_path, openapi, lifecycle, "
            + "allow_private_upstreams, policies::text AS policies, created_at, updated_at, version";
    /** Lists leave the document out: it can be large and no list shows it. */
    private static final String LIST_COLUMNS = COLUMNS.replace(" openapi,", " '' AS openapi,");
    private static final String ROUTE_INDEX = "api_route_unique";
    private static final String LIVE_ROUTE_INDEX = "api_live_route_global";

    private final Sql sql;
    private final JsonColumns json;

    public ApiRepository(Sql sql, JsonColumns json) {
        this.sql = sql;
        this.json = json;
    }

    public void insert(Api api) {
        try {
            sql.update("INSERT INTO api (id, tenant_id, name, version_label, host, base_path, openapi, lifecycle, "
                            + "allow_private_upstreams, policies, created_at, updated_at, version) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
                    api.id(), api.tenantId(), api.name(), api.versionLabel(), api.host(), api.basePath(), api.openapi(),
                    api.lifecycle(), api.allowPrivateUpstreams(), json.writePolicies(api.policies()), api.createdAt(),
                    api.updatedAt(), api.version());
        } catch (DataAccessException e) {
            throw routeConflictOr(e);
        }
    }

    public Optional<Api> find(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM api WHERE tenant_id = ? AND id = ?", this::map, tenant, id);
    }

    /** Locks the row for the rest of the transaction, so concurrent writes to one API serialise. */
    public Optional<Api> lock(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM api WHERE tenant_id = ? AND id = ? FOR UPDATE", this::map, tenant, id);
    }

    public List<Api> list(TenantId tenant, KeysetCursor cursor) {
        return sql.list("SELECT " + LIST_COLUMNS + " FROM api WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?",
                this::map, tenant, cursor.after(), cursor.fetchSize());
    }

    /**
     * Writes every mutable field if the row is still at {@code expectedVersion}; returns the
     * stored API with its new version, or empty when someone else changed it first.
     */
    public Optional<Api> update(Api api, long expectedVersion) {
        Instant now = Instant.now();
        int updated;
        try {
            updated = sql.update("UPDATE api SET name = ?, version_label = ?, host = ?, base_path = ?, openapi = ?, "
                            + "lifecycle = ?, allow_private_upstreams = ?, policies = ?::jsonb, updated_at = ?, "
                            + "version = version + 1 WHERE tenant_id = ? AND id = ? AND version = ?",
                    api.name(), api.versionLabel(), api.host(), api.basePath(), api.openapi(), api.lifecycle(),
                    api.allowPrivateUpstreams(), json.writePolicies(api.policies()), now, api.tenantId(), api.id(),
                    expectedVersion);
        } catch (DataAccessException e) {
            throw routeConflictOr(e);
        }
        return updated == 1 ? find(api.tenantId(), api.id()) : Optional.empty();
    }

    /**
     * Stores the definitions compiled from the API's document, with the compiler format that wrote
     * them. Derived data: the API's version (its ETag) does not move.
     */
    public void saveContract(TenantId tenant, UUID apiId, String schemas, int format) {
        sql.update("UPDATE api SET contract_schemas = ?, contract_format = ? WHERE tenant_id = ? AND id = ?",
                schemas, format, tenant, apiId);
    }

    /**
     * APIs whose contracts were compiled by an older format (or never), oldest first: the one query
     * here that spans tenants, for the backfill, which then works on each API under its own tenant.
     */
    public List<ApiRef> withStaleContracts(int format, int limit) {
        return sql.list("SELECT id, tenant_id FROM api WHERE contract_format < ? ORDER BY id LIMIT ?",
                row -> new ApiRef(new TenantId(row.getObject("tenant_id", UUID.class)), row.getObject("id", UUID.class)),
                format, limit);
    }

    public record ApiRef(TenantId tenant, UUID id) {
    }

    public List<EnvironmentConfig> environments(TenantId tenant, UUID apiId) {
        return sql.list("SELECT environment, upstream_urls::text AS upstream_urls, enabled FROM api_environment "
                        + "WHERE tenant_id = ? AND api_id = ? ORDER BY environment DESC",
                row -> new EnvironmentConfig(Environment.fromWire(row.getString("environment")),
                        json.strings(row.getString("upstream_urls")), row.getBoolean("enabled")),
                tenant, apiId);
    }

    public void saveEnvironment(TenantId tenant, UUID apiId, EnvironmentConfig config) {
        sql.update("INSERT INTO api_environment (tenant_id, api_id, environment, upstream_urls, enabled) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (api_id, environment) "
                        + "DO UPDATE SET upstream_urls = EXCLUDED.upstream_urls, enabled = EXCLUDED.enabled",
                tenant, apiId, config.environment(), json.write(config.upstreamUrls()), config.enabled());
    }


    private static RuntimeException routeConflictOr(DataAccessException e) {
        if (Constraints.isUniqueViolation(e, ROUTE_INDEX)) {
            return new ProblemException(409, "ROUTE_CONFLICT", "Conflict",
                    "Another API of this tenant already uses this host and base path", List.of(
                            new dev.bulwark.contracts.schema.Violation("basePath", "is already routed to another API")));
        }
        if (Constraints.isUniqueViolation(e, LIVE_ROUTE_INDEX)) {
            // Says only what any caller of the gateway could observe: the route answers already.
            return new ProblemException(409, "ROUTE_TAKEN", "Conflict",
                    "A published API already serves this host and base path on the shared gateways; "
                            + "choose another base path or a host of your own", List.of(
                            new dev.bulwark.contracts.schema.Violation("basePath", "is already served by a published API")));
        }
        return e;
    }

    private Api map(ResultSet row) throws SQLException {
        List<PolicyConfig> policies = json.policies(row.getString("policies"));
        return new Api(row.getObject("id", UUID.class), new TenantId(row.getObject("tenant_id", UUID.class)),
                row.getString("name"), row.getString("version_label"), row.getString("host"),
                row.getString("base_path"), row.getString("openapi"), Lifecycle.fromWire(row.getString("lifecycle")),
                row.getBoolean("allow_private_upstreams"), policies, Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"), row.getLong("version"));
    }
}
