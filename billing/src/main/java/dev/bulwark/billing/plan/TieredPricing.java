package dev.bulwark.billing.plan;

import dev.bulwark.billing.money.Money;
import java.util.ArrayList;
import java.util.List;

/** Applies a tier table to a quantity of overage units (see {@link TierMode} for the two modes). */
public final class TieredPricing {

    private TieredPricing() {}

    /** Charges per tier for {@code quantity} units; none for zero units. Tiers must be valid. */
    public static List<TierCharge> charges(TierMode mode, List<PriceTier> tiers, long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
        if (quantity == 0) {
            return List.of();
        }
        return switch (mode) {
            case GRADUATED -> graduated(tiers, quantity);
            case VOLUME -> List.of(volume(tiers, quantity));
        };
    }

    public static Money total(TierMode mode, List<PriceTier> tiers, long quantity, Money zero) {
        return charges(mode, tiers, quantity).stream().map(TierCharge::amount).reduce(zero, Money::plus);
    }

    private static List<TierCharge> graduated(List<PriceTier> tiers, long quantity) {
        List<TierCharge> out = new ArrayList<>();
        long previousBound = 0;
        for (int i = 0; i < tiers.size() && previousBound < quantity; i++) {
            PriceTier tier = tiers.get(i);
            long upper = tier.covers(quantity) ? quantity : tier.upTo().getAsLong();
            out.add(new TierCharge(i, previousBound + 1, upper, upper - previousBound, tier.unitPrice(),
                    tier.flatFee()));
            previousBound = upper;
        }
        if (previousBound < quantity) {
            throw new IllegalArgumentException("Tiers end at " + previousBound + " units; " + quantity + " requested");
        }
        return out;
    }

    private static TierCharge volume(List<PriceTier> tiers, long quantity) {
        for (int i = 0; i < tiers.size(); i++) {
            PriceTier tier = tiers.get(i);
            if (tier.covers(quantity)) {
                return new TierCharge(i, 1, quantity, quantity, tier.unitPrice(), tier.flatFee());
            }
        }
        throw new IllegalArgumentException("No tier covers " + quantity + " units");
    }
}
