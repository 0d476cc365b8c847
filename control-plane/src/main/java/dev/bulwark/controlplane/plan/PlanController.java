package dev.bulwark.controlplane.plan;

import dev.bulwark.controlplane.api.Ids;
import dev.bulwark.controlplane.api.IfMatch;
import dev.bulwark.controlplane.api.KeysetCursor;
import dev.bulwark.controlplane.api.Versioned;
import dev.bulwark.controlplane.identity.Principal;
import dev.bulwark.controlplane.identity.RequiresRole;
import dev.bulwark.controlplane.identity.Role;
import dev.bulwark.controlplane.web.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {
    private final PlanService plans;

    public PlanController(PlanService plans) {
        this.plans = plans;
    }

    @Post("/apis/{apiId}/plans")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Plan> create(Principal principal, String apiId, @Body PlanService.CreatePlan body) {
        Plan plan = plans.create(principal, Ids.parse(apiId, "API"), body);
        return HttpResponse.<Plan>status(HttpStatus.CREATED).body(plan).header(HttpHeaders.ETAG, IfMatch.etag(plan.version()));
    }

    @Get("/apis/{apiId}/plans")
    @RequiresRole(Role.VIEWER)
    public Page<Plan> list(Principal principal, String apiId, @QueryValue @Nullable Integer limit,
                           @QueryValue @Nullable String cursor) {
        return plans.list(principal.tenantId(), Ids.parse(apiId, "API"), KeysetCursor.of(limit, cursor));
    }

    @Get("/plans/{planId}")
    @RequiresRole(Role.VIEWER)
    public HttpResponse<Plan> get(Principal principal, String planId) {
        Plan plan = plans.require(principal.tenantId(), Ids.parse(planId, "Plan"));
        return HttpResponse.ok(plan).header(HttpHeaders.ETAG, IfMatch.etag(plan.version()));
    }

    @Patch("/plans/{planId}")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Plan> update(Principal principal, String planId, @Header("If-Match") @Nullable String ifMatch,
                                     @Body PlanService.UpdatePlan body) {
        long expected = IfMatch.required(ifMatch);
        Versioned<Plan> saved = plans.update(principal, Ids.parse(planId, "Plan"), expected, body);
        return HttpResponse.ok(saved.body()).header(HttpHeaders.ETAG, saved.etag());
    }
}
