package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.PlatformAdmins;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.UUID;

/**
 * The platform operator's side of private upstreams: which private networks (CIDRs) a tenant's
 * APIs may reach. Platform administrators only ({@link PlatformAdmins}); tenants read the result in
 * their settings. The platform's own endpoints stay refused whatever is granted here.
 */
@Controller("/api/v1/platform/tenants/{tenantId}/private-upstreams")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PrivateUpstreamsController {
    /**
     * @param cidrs             the tenant's own networks (what PUT replaces)
     * @param effectiveCidrs    with the networks every tenant has (operator configuration)
     * @param platformEndpoints the endpoints no upstream may use
     */
    public record Grant(List<String> cidrs, List<String> effectiveCidrs, List<String> platformEndpoints) {
    }

    public record GrantChange(List<String> cidrs) {
    }

    private final PrivateUpstreams privateUpstreams;
    private final PlatformAdmins admins;

    PrivateUpstreamsController(PrivateUpstreams privateUpstreams, PlatformAdmins admins) {
        this.privateUpstreams = privateUpstreams;
        this.admins = admins;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public Grant getPrivateUpstreams(Principal principal, UUID tenantId) {
        admins.require(principal);
        return grant(new TenantId(tenantId));
    }

    @Put
    @RequiresRole(Role.VIEWER)
    public Grant setPrivateUpstreams(Principal principal, UUID tenantId, @Body GrantChange body) {
        admins.require(principal);
        privateUpstreams.setTenantOwn(principal, new TenantId(tenantId), body.cidrs());
        return grant(new TenantId(tenantId));
    }

    private Grant grant(TenantId tenant) {
        return new Grant(privateUpstreams.tenantOwn(tenant), privateUpstreams.tenantCidrs(tenant), privateUpstreams.platformEndpoints());
    }
}
