package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.PublicEndpoint;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;

/** The tenant's public catalog: anyone may browse it, signed up or not. */
@Controller("/api/devportal/v1/tenants/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "developer portal")
public class PortalPublicController {
    private final PortalTenants tenants;
    private final PortalCatalog catalog;

    public PortalPublicController(PortalTenants tenants, PortalCatalog catalog) {
        this.tenants = tenants;
        this.catalog = catalog;
    }

    @Get
    @PublicEndpoint
    public CatalogViews.TenantHome portalHome(String slug) {
        return new CatalogViews.TenantHome(DevSession.TenantView.of(tenants.require(slug)));
    }

    @Get("/apis")
    @PublicEndpoint
    public CatalogViews.Items<CatalogViews.ApiSummary> listPortalApis(String slug) {
        return CatalogViews.Items.of(catalog.list(tenants.require(slug).id()));
    }

    @Get("/apis/{apiId}")
    @PublicEndpoint
    public CatalogViews.ApiDetail getPortalApi(String slug, String apiId) {
        Tenants.Tenant tenant = tenants.require(slug);
        return catalog.detail(tenant.id(), apiId(apiId));
    }

    @Get("/apis/{apiId}/openapi")
    @PublicEndpoint
    public CatalogViews.OpenApiDocument getPortalApiDocument(String slug, String apiId) {
        Tenants.Tenant tenant = tenants.require(slug);
        return catalog.openapi(tenant.id(), apiId(apiId));
    }

    private static UUID apiId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw PortalCatalog.apiNotFound();
        }
    }
}
