package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/** Prices of a consumer plan: every version, and a new one (admins: prices are the tenant's commercial terms). */
@Controller("/api/v1/plans/{planId}/prices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class PlanPriceController {
    private final PlanPrices prices;

    PlanPriceController(PlanPrices prices) {
        this.prices = prices;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public List<PlanPrice> listPlanPrices(Principal principal, String planId) {
        return prices.history(principal.tenantId(), Ids.parse(planId, "Plan"));
    }

    @Post
    @RequiresRole(Role.ADMIN)
    public HttpResponse<PlanPrice> addPlanPrice(Principal principal, String planId, @Body PlanPrice.Set body) {
        return HttpResponse.status(HttpStatus.CREATED).body(prices.add(principal, Ids.parse(planId, "Plan"), body, Instant.now()));
    }
}
