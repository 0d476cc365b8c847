package dev.bulwark.controlplane.dataplane;

import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The platform's data planes with their applied version and lag. Platform-wide: a data plane
 * serves every tenant of its environment; the only tenant data in this view, the circuit breakers
 * the data plane reported open, is filtered to the caller's tenant.
 */
@Controller("/api/v1/data-planes")
@RequiresRole(Role.VIEWER)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DataPlaneController {
    private final DataPlaneRegistry registry;

    DataPlaneController(DataPlaneRegistry registry) {
        this.registry = registry;
    }

    @Get
    public Page<DataPlaneView> listDataPlanes(Principal principal) {
        return new Page<>(registry.list(principal.tenantId()), null);
    }
}
