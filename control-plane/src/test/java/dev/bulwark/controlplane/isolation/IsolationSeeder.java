package dev.bulwark.controlplane.isolation;

import dev.bulwark.controlplane.Api;
import dev.bulwark.testing.TestDatabase;
import java.util.Map;

/**
 * Supplies {@link TenantIsolationTest} with one resource of each kind a feature owns. Implement it
 * as a bean in test sources ({@code @Singleton}, any package) and the isolation test picks it up.
 */
public interface IsolationSeeder {

    /** What a seeder may use to create resources in a tenant: the HTTP API as that tenant's owner, or SQL. */
    record Tenant(Api api, Api.Session owner, TestDatabase database) {
    }

    /**
     * Creates one resource of each kind this seeder knows in {@code tenant} and returns path-variable
     * values naming them, keyed by the variable name used in route templates (e.g. {@code "userId"}).
     */
    Map<String, String> seed(Tenant tenant);

    /**
     * Values for path variables that are not tenant-owned ids (e.g. {@code environment=production});
     * a route whose variables are all of this kind is not a cross-tenant target.
     */
    default Map<String, String> sharedValues() {
        return Map.of();
    }

    /**
     * JSON bodies, keyed by {@code "METHOD /api/v1/template"}, valid enough to pass validation so the
     * request reaches the tenant check. {@code {variable}} placeholders are replaced with the victim
     * tenant's values, so a body can also name another tenant's ids (e.g. a developerId).
     */
    default Map<String, String> bodies() {
        return Map.of();
    }
}
