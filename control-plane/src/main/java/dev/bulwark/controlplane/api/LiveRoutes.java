package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.contracts.snapshot.RouteOwnership;
import dev.bulwark.controlplane.domain.DomainService;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The checks an API's route must pass before it goes live on the shared gateways: its host is one
 * the tenant owns ({@link DomainService#owns}), and it neither covers nor extends a live route of
 * another tenant ({@link RouteOwnership}, the rule the gateways enforce too). Refusals name only
 * the field, never the other tenant or its API.
 * <p>Hand SQL: a transaction-scoped advisory lock serialises route changes, and the check reads other
 * tenants' live routes on purpose.
 */
@Singleton
public class LiveRoutes {
    /** Serialises every change of a live route: two tenants publishing overlapping routes at once must not both pass. */
    private static final long ROUTE_LOCK = 8124017L;

    private final Sql sql;
    private final DomainService domains;

    public LiveRoutes(Sql sql, DomainService domains) {
        this.sql = sql;
        this.domains = domains;
    }

    /** Call in the transaction that makes the route live; holds the route lock until it commits. */
    public void requireAvailable(Api api) {
        if (api.host() != null && !domains.owns(api.tenantId(), api.host())) {
            throw new ProblemException(409, "HOST_NOT_VERIFIED", "Conflict",
                    "An API can be published only on a host the tenant owns: verify the domain under /api/v1/domains, "
                            + "or use the tenant's platform subdomain", List.of(new Violation("host", "is not a verified domain of this tenant")));
        }
        sql.list("SELECT pg_advisory_xact_lock(?)", row -> 1, ROUTE_LOCK);
        RouteOwnership.Route mine = new RouteOwnership.Route(api.tenantId().toString(), api.host(), api.basePath());
        for (RouteOwnership.Route other : liveRoutesOfOtherTenants(api.tenantId(), api.host())) {
            if (RouteOwnership.conflicts(mine, other)) {
                throw new ProblemException(409, "ROUTE_TAKEN", "Conflict",
                        "A published API of another tenant already serves this route, a path below it or above it, on a host this "
                                + "API would also answer; choose another base path or a host of your own",
                        List.of(new Violation("basePath", "overlaps a route served by another tenant")));
            }
        }
    }

    /**
     * The one read across tenants in the catalog: host and base path of other tenants' live APIs
     * (nothing else leaves this method). Only routes that could share a host are read.
     */
    private List<RouteOwnership.Route> liveRoutesOfOtherTenants(TenantId tenant, String host) {
        String routed = "SELECT tenant_id, host, base_path FROM api WHERE lifecycle IN ('published', 'deprecated') AND tenant_id <> ?";
        Sql.RowMapper<RouteOwnership.Route> map = row -> new RouteOwnership.Route(row.getString(1), row.getString(2), row.getString(3));
        return host == null
                ? sql.list(routed, map, tenant)
                : sql.list(routed + " AND (host IS NULL OR lower(host) = ?)", map, tenant, RouteOwnership.host(host));
    }
}
