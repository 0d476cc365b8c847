package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Resolves the {slug} of a developer-portal URL; an unknown slug is the same 404 on every route. */
@Singleton
public class PortalTenants {
    private final Tenants tenants;

    public PortalTenants(Tenants tenants) {
        this.tenants = tenants;
    }

    @Transactional(readOnly = true)
    public Optional<Tenants.Tenant> find(String slug) {
        if (slug == null || slug.length() > 63) {
            return Optional.empty();
        }
        return tenants.findBySlug(slug);
    }

    public Tenants.Tenant require(String slug) {
        return find(slug).orElseThrow(PortalTenants::notFound);
    }

    static ProblemException notFound() {
        return new ProblemException(404, "TENANT_NOT_FOUND", "Not found", "No developer portal exists at this address", null);
    }
}
