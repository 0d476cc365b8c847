package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/** The console's revenue view: what the tenant's developers were invoiced, per month, API and plan. */
@Controller("/api/v1/billing/revenue")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class RevenueController {
    private final Revenue revenue;

    RevenueController(Revenue revenue) {
        this.revenue = revenue;
    }

    /** {@code from} and {@code to} are months ({@code 2026-11}), inclusive; the default is the last twelve. */
    @Get
    @RequiresRole(Role.ADMIN)
    public List<Revenue.Row> getRevenue(Principal principal, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        return revenue.between(principal.tenantId(), from == null ? now.minusMonths(11).toString() : from, to == null ? now.toString() : to);
    }
}
