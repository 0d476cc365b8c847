package dev.bulwark.controlplane.billing;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * One of Bulwark's plans for tenants, as the platform operator configured it.
 *
 * @param includedRequests requests per billing month included in the fee
 * @param requestOverage   what happens past them: {@code throttle} (the gateway refuses with
 *                         {@code PLAN_LIMIT_REACHED}) or {@code bill} (charged per request)
 * @param maxApis          null when unlimited, like every other {@code max*}
 */
@Schema(name = "BillingPlan")
public record BillingPlan(
        String id,
        String name,
        String currency,
        BigDecimal monthlyFee,
        long includedRequests,
        String requestOverage,
        @Nullable BigDecimal overageUnitPrice,
        @Nullable Integer maxApis,
        @Nullable Integer maxDataPlanes,
        @Nullable Integer maxMembers,
        @Nullable Integer maxScanRuns,
        int retentionDays,
        boolean selfService,
        int position) {

    public static final String THROTTLE = "throttle";
    public static final String BILL = "bill";

    public boolean throttlesRequests() {
        return THROTTLE.equals(requestOverage);
    }

    /** The configured maximum of a counted limit, null when unlimited. */
    @Nullable
    public Integer max(PlanLimit limit) {
        return switch (limit) {
            case APIS -> maxApis;
            case DATA_PLANES -> maxDataPlanes;
            case MEMBERS -> maxMembers;
            case SCAN_RUNS -> maxScanRuns;
        };
    }
}
