package dev.bulwark.controlplane.closure;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The owner closes the organisation (soft; see {@link TenantClosure}). */
@Controller("/api/v1/tenant/closure")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantClosureController {
    private final TenantClosure closure;

    TenantClosureController(TenantClosure closure) {
        this.closure = closure;
    }

    @Introspected
    public record CloseTenant(@Nullable String confirmSlug) {
    }

    @Post
    @RequiresRole(Role.OWNER)
    public TenantClosure.Closed closeTenant(Principal principal, @Body CloseTenant body) {
        return closure.close(principal, body.confirmSlug());
    }
}
