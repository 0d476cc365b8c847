package dev.bulwark.billing.plan;

import dev.bulwark.billing.money.Money;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Business rules of a plan: one currency throughout, no negative prices or allowances, unique
 * meters, and tiers that ascend strictly and end unbounded (with upper bounds only, an open end is
 * the one gap tiers can have).
 */
public final class PlanValidator {

    private PlanValidator() {}

    public static List<Violation> violations(PricePlan plan) {
        List<Violation> out = new ArrayList<>();
        if (plan.id().isBlank()) {
            out.add(new Violation("id", "must not be blank"));
        }
        price("monthlyFee", plan.monthlyFee(), plan, out);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < plan.meters().size(); i++) {
            meter("meters[" + i + "]", plan.meters().get(i), plan, names, out);
        }
        return out;
    }

    /** Throws {@link PlanValidationException} listing every violation; returns the plan when valid. */
    public static PricePlan requireValid(PricePlan plan) {
        List<Violation> violations = violations(plan);
        if (!violations.isEmpty()) {
            throw new PlanValidationException(plan.id(), violations);
        }
        return plan;
    }

    private static void meter(String path, MeterPrice meter, PricePlan plan, Set<String> names, List<Violation> out) {
        if (meter.meter().isBlank()) {
            out.add(new Violation(path + ".meter", "must not be blank"));
        } else if (!names.add(meter.meter())) {
            out.add(new Violation(path + ".meter", "duplicate meter '" + meter.meter() + "'"));
        }
        if (meter.includedUnits() < 0) {
            out.add(new Violation(path + ".includedUnits", "must not be negative"));
        }
        if (meter.overage() instanceof Overage.Billed billed) {
            tiers(path + ".overage.tiers", billed.tiers(), plan, out);
        }
    }

    private static void tiers(String path, List<PriceTier> tiers, PricePlan plan, List<Violation> out) {
        if (tiers.isEmpty()) {
            out.add(new Violation(path, "billed overage needs at least one tier"));
            return;
        }
        long previous = 0;
        for (int i = 0; i < tiers.size(); i++) {
            String at = path + "[" + i + "]";
            PriceTier tier = tiers.get(i);
            boolean last = i == tiers.size() - 1;
            if (tier.upTo().isEmpty() && !last) {
                out.add(new Violation(at + ".upTo", "only the last tier may be unbounded"));
            } else if (tier.upTo().isPresent()) {
                long bound = tier.upTo().getAsLong();
                if (bound <= previous) {
                    out.add(new Violation(at + ".upTo", "must be greater than " + previous
                            + (i == 0 ? "" : ", the bound of tiers[" + (i - 1) + "]")));
                }
                if (last) {
                    out.add(new Violation(at + ".upTo",
                            "the last tier must be unbounded, otherwise usage above " + bound + " has no price"));
                }
                previous = Math.max(previous, bound);
            }
            price(at + ".unitPrice", tier.unitPrice(), plan, out);
            price(at + ".flatFee", tier.flatFee(), plan, out);
        }
    }

    private static void price(String path, Money money, PricePlan plan, List<Violation> out) {
        if (!money.currency().equals(plan.currency())) {
            out.add(new Violation(path, "currency " + money.currency() + " differs from the plan's " + plan.currency()));
        }
        if (money.isNegative()) {
            out.add(new Violation(path, "must not be negative"));
        }
    }
}
