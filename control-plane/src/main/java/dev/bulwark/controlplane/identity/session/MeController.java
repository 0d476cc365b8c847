package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Who the caller is, in which tenant, with which role. */
@Controller("/api/v1/me")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeController {
    private final Accounts accounts;
    private final Tenants tenants;

    public MeController(Accounts accounts, Tenants tenants) {
        this.accounts = accounts;
        this.tenants = tenants;
    }

    public record Me(SessionResponse.UserView user, SessionResponse.TenantView tenant, Role role) {
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public Me me(Principal principal) {
        Accounts.User user = accounts.find(principal.userId()).orElseThrow(ProblemException::unauthorized);
        Tenants.Tenant tenant = tenants.find(principal.tenantId()).orElseThrow(ProblemException::unauthorized);
        return new Me(SessionResponse.UserView.of(user), SessionResponse.TenantView.of(tenant), principal.role());
    }
}
