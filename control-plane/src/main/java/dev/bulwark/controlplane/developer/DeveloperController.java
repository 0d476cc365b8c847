package dev.bulwark.controlplane.developer;

import dev.bulwark.controlplane.kernel.CatalogPages;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller("/api/v1/developers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeveloperController {
    private final DeveloperService developers;
    private final PortalInvitations invitations;
    private final CatalogPages pages;

    public DeveloperController(DeveloperService developers, PortalInvitations invitations, CatalogPages pages) {
        this.pages = pages;
        this.developers = developers;
        this.invitations = invitations;
    }

    /**
     * Lets a developer registered here claim the record in the developer portal: the answer carries a
     * token shown once and the portal path to send them. Issuing again replaces the previous token.
     */
    @Post("/{developerId}/portal-invitation")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<PortalInvitation> inviteDeveloperToPortal(Principal principal, String developerId) {
        return HttpResponse.<PortalInvitation>status(HttpStatus.CREATED)
                .body(invitations.issue(principal, Ids.parse(developerId, "Developer")));
    }

    @Post
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Developer> createDeveloper(Principal principal, @Body DeveloperService.CreateDeveloper body) {
        return HttpResponse.<Developer>status(HttpStatus.CREATED).body(developers.create(principal, body));
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public Page<Developer> listDevelopers(Principal principal, @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        String scope = CatalogPages.scope("developers", principal.tenantId());
        return pages.seal(scope, developers.list(principal.tenantId(), pages.open(scope, limit, cursor)));
    }

    @Get("/{developerId}")
    @RequiresRole(Role.VIEWER)
    public Developer getDeveloper(Principal principal, String developerId) {
        return developers.find(principal.tenantId(), Ids.parse(developerId, "Developer"))
                .orElseThrow(() -> ProblemException.notFound("Developer"));
    }
}
