package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.Constraints;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * APIs and their environments as the rest of the control plane uses them: Micronaut Data rows
 * ({@link ApiRowRepository}, {@link ApiEnvironmentRepository}) turned into {@link Api}s, and
 * route collisions turned into the problems clients see. Every method is scoped to one tenant.
 */
@Singleton
public class ApiRepository {
    private static final String ROUTE_INDEX = "api_route_unique";
    private static final String LIVE_ROUTE_INDEX = "api_live_route_global";

    private final ApiRowRepository rows;
    private final ApiEnvironmentRepository environments;
    /** Hand SQL for the compiled contract columns only: the backfill spans tenants, and the columns are derived data. */
    private final Sql sql;

    ApiRepository(ApiRowRepository rows, ApiEnvironmentRepository environments, Sql sql) {
        this.sql = sql;
        this.rows = rows;
        this.environments = environments;
    }

    public void insert(Api api) {
        try {
            rows.insert(ApiRow.of(api));
        } catch (DataAccessException e) {
            throw routeConflictOr(e);
        }
    }

    public Optional<Api> find(TenantId tenant, UUID id) {
        return rows.findByTenantIdAndId(tenant, id).map(ApiRow::toApi);
    }

    /** Locks the row for the rest of the transaction, so concurrent writes to one API serialise. */
    public Optional<Api> lock(TenantId tenant, UUID id) {
        return rows.lock(tenant, id).map(ApiRow::toApi);
    }

    public List<Api> list(TenantId tenant, KeysetCursor cursor) {
        return rows.page(tenant, cursor.after(), cursor.fetchSize()).stream().map(ApiRow::toApi).toList();
    }

    /**
     * Writes every mutable field if the row is still at {@code expectedVersion}; returns the
     * stored API with its new version, or empty when someone else changed it first.
     */
    public Optional<Api> update(Api api, long expectedVersion) {
        int updated;
        try {
            updated = rows.update(api.tenantId(), api.id(), expectedVersion, api.name(), api.versionLabel(), api.host(),
                    api.basePath(), api.openapi(), api.lifecycle(), api.allowPrivateUpstreams(), api.policies(),
                    Instant.now());
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

    /** Whether the gateway requires the scopes the document declares (true unless turned off at publish). */
    public boolean enforcesDocumentScopes(TenantId tenant, UUID apiId) {
        return sql.one("SELECT enforce_document_scopes FROM api WHERE tenant_id = ? AND id = ?", row -> row.getBoolean(1), tenant, apiId)
                .orElse(true);
    }

    public void enforceDocumentScopes(TenantId tenant, UUID apiId, boolean enforce) {
        sql.update("UPDATE api SET enforce_document_scopes = ? WHERE tenant_id = ? AND id = ?", enforce, tenant, apiId);
    }

    public List<EnvironmentConfig> environments(TenantId tenant, UUID apiId) {
        return environments.list(tenant, apiId).stream().map(ApiEnvironmentRow::toConfig).toList();
    }

    public void saveEnvironment(TenantId tenant, UUID apiId, EnvironmentConfig config) {
        environments.save(tenant, apiId, config.environment(), config.upstreamUrls(), config.enabled());
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
}
