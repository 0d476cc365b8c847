package dev.bulwark.billing.invoice;

import dev.bulwark.billing.plan.PricePlan;
import java.time.Instant;
import java.util.Objects;

/** From {@code effectiveFrom} on (until the next change), the subscription is on {@code plan}. */
public record PlanChange(Instant effectiveFrom, PricePlan plan) {

    public PlanChange {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(plan, "plan");
    }
}
