package dev.bulwark.controlplane.billing;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the console's Billing page shows: the plan, the current billing month in the tenant's zone,
 * and usage against each allowance.
 */
public record BillingOverview(BillingPlan plan, Instant planSince, String timeZone, BigDecimal taxRate, Period period,
                              List<Allowance> allowances) {

    /** The current billing month: {@code [start, end)}, calendar month in {@code timeZone}. */
    public record Period(String label, Instant start, Instant end) {
    }

    /**
     * @param name  {@code requests}, {@code apis}, {@code members}, {@code dataPlanes}, {@code scanRuns}
     * @param used  null when the control plane does not count it
     * @param limit null when unlimited
     */
    public record Allowance(String name, @Nullable Long used, @Nullable Long limit) {
    }
}
