package dev.bulwark.controlplane.billing;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/** The tenant's Billing page: its plan, usage against allowances, the plans it may move to. */
@Controller("/api/v1/billing")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class BillingController {
    public record PlanChange(String planId) {
    }

    private final TenantBilling billing;
    private final BillingPlans plans;

    BillingController(TenantBilling billing, BillingPlans plans) {
        this.billing = billing;
        this.plans = plans;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public BillingOverview getBilling(Principal principal) {
        return billing.overview(principal.tenantId(), Instant.now());
    }

    /** The plans a tenant may choose itself. */
    @Get("/plans")
    @RequiresRole(Role.VIEWER)
    public List<BillingPlan> listBillingPlans(Principal principal) {
        return plans.all().stream().filter(BillingPlan::selfService).toList();
    }

    /** Effective at once; the current month's invoice prorates both plans by the second. */
    @Put("/plan")
    @RequiresRole(Role.OWNER)
    public BillingOverview changeBillingPlan(Principal principal, @Body PlanChange body) {
        return billing.changePlan(principal, body.planId(), Instant.now());
    }
}
