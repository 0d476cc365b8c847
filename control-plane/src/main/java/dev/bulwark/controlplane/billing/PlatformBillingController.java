package dev.bulwark.controlplane.billing;

import dev.bulwark.controlplane.kernel.PlatformAdmins;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The platform operator's side of billing: the plan catalog, and moving any tenant to any plan. */
@Controller("/api/v1/platform")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class PlatformBillingController {
    private final BillingPlans plans;
    private final TenantBilling billing;
    private final PlatformAdmins admins;

    PlatformBillingController(BillingPlans plans, TenantBilling billing, PlatformAdmins admins) {
        this.plans = plans;
        this.billing = billing;
        this.admins = admins;
    }

    @Get("/billing-plans")
    @RequiresRole(Role.VIEWER)
    public List<BillingPlan> listAllBillingPlans(Principal principal) {
        admins.require(principal);
        return plans.all();
    }

    /** Creates or replaces a plan; the id in the path wins over one in the body. */
    @Put("/billing-plans/{planId}")
    @RequiresRole(Role.VIEWER)
    public BillingPlan saveBillingPlan(Principal principal, String planId, @Body BillingPlan body) {
        admins.require(principal);
        if (body.id() != null && !body.id().equals(planId)) {
            throw ProblemException.invalid("id", "must match the plan id in the path");
        }
        return plans.save(new BillingPlan(planId, body.name(), body.currency(), body.monthlyFee(), body.includedRequests(),
                body.requestOverage(), body.overageUnitPrice(), body.maxApis(), body.maxDataPlanes(), body.maxMembers(),
                body.maxScanRuns(), body.retentionDays(), body.selfService(), body.position()));
    }

    @Put("/tenants/{tenantId}/billing-plan")
    @RequiresRole(Role.VIEWER)
    public BillingOverview assignBillingPlan(Principal principal, UUID tenantId, @Body BillingController.PlanChange body) {
        admins.require(principal);
        return billing.assign(principal, new TenantId(tenantId), body.planId(), Instant.now());
    }
}
