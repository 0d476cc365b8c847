package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Resolves the {slug} of a developer-portal URL; an unknown slug is the same 404 on every route. */
@Singleton
public class PortalTenants {
    private final Sql sql;

    public PortalTenants(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public Optional<Tenants.Tenant> find(String slug) {
        if (slug == null || slug.length() > 63) {
            return Optional.empty();
        }
        return sql.one("SELECT id, slug, name FROM tenant WHERE slug = ?",
                row -> new Tenants.Tenant(new TenantId(Sql.uuid(row, "id")), row.getString("slug"), row.getString("name")), slug);
    }

    public Tenants.Tenant require(String slug) {
        return find(slug).orElseThrow(PortalTenants::notFound);
    }

    static ProblemException notFound() {
        return new ProblemException(404, "TENANT_NOT_FOUND", "Not found", "No developer portal exists at this address", null);
    }
}
