package dev.bulwark.controlplane.application;

import dev.bulwark.controlplane.kernel.CatalogPages;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
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

@Controller("/api/v1/applications")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApplicationController {
    private final ApplicationService applications;
    private final CatalogPages pages;

    public ApplicationController(ApplicationService applications, CatalogPages pages) {
        this.pages = pages;
        this.applications = applications;
    }

    @Post
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Application> createApplication(Principal principal, @Body ApplicationService.CreateApplication body) {
        return HttpResponse.<Application>status(HttpStatus.CREATED).body(applications.create(principal, body));
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public Page<Application> listApplications(Principal principal, @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        String scope = CatalogPages.scope("applications", principal.tenantId());
        return pages.seal(scope, applications.list(principal.tenantId(), pages.open(scope, limit, cursor)));
    }

    @Get("/{applicationId}")
    @RequiresRole(Role.VIEWER)
    public Application getApplication(Principal principal, String applicationId) {
        return applications.require(principal.tenantId(), Ids.parse(applicationId, "Application"));
    }
}
