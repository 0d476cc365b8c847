package dev.bulwark.controlplane.plan;

import dev.bulwark.controlplane.kernel.CatalogPages;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.Versioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {
    private final PlanService plans;
    private final CatalogPages pages;

    public PlanController(PlanService plans, CatalogPages pages) {
        this.pages = pages;
        this.plans = plans;
    }

    @Post("/apis/{apiId}/plans")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Plan> createPlan(Principal principal, String apiId, @Body PlanService.CreatePlan body) {
        Plan plan = plans.create(principal, Ids.parse(apiId, "API"), body);
        return HttpResponse.<Plan>status(HttpStatus.CREATED).body(plan).header(HttpHeaders.ETAG, ETags.of(plan.version()));
    }

    @Get("/apis/{apiId}/plans")
    @RequiresRole(Role.VIEWER)
    public Page<Plan> listPlans(Principal principal, String apiId, @QueryValue @Nullable Integer limit,
                           @QueryValue @Nullable String cursor) {
        String scope = CatalogPages.scope("plans", principal.tenantId(), apiId);
        return pages.seal(scope, plans.list(principal.tenantId(), Ids.parse(apiId, "API"), pages.open(scope, limit, cursor)));
    }

    @Get("/plans/{planId}")
    @RequiresRole(Role.VIEWER)
    public HttpResponse<Plan> getPlan(Principal principal, String planId) {
        Plan plan = plans.require(principal.tenantId(), Ids.parse(planId, "Plan"));
        return HttpResponse.ok(plan).header(HttpHeaders.ETAG, ETags.of(plan.version()));
    }

    @Patch("/plans/{planId}")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Plan> updatePlan(Principal principal, String planId, HttpRequest<?> request,
                                     @Body PlanService.UpdatePlan body) {
        long expected = ETags.requiredVersion(request);
        Versioned<Plan> saved = plans.update(principal, Ids.parse(planId, "Plan"), expected, body);
        return HttpResponse.ok(saved.body()).header(HttpHeaders.ETAG, saved.etag());
    }
}
