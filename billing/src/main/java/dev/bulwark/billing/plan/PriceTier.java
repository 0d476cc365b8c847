package dev.bulwark.billing.plan;

import dev.bulwark.billing.money.Money;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One price tier. {@code upTo} is the inclusive upper bound of the tier, counted in overage units;
 * empty means unbounded, which only the last tier may be. A tier starts right after the previous
 * one's bound, so tiers cannot leave gaps between them. {@code flatFee} is charged once when any
 * unit falls in the tier (graduated) or when the tier is the one selected (volume).
 */
public record PriceTier(OptionalLong upTo, Money unitPrice, Money flatFee) {

    public PriceTier {
        Objects.requireNonNull(upTo, "upTo");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(flatFee, "flatFee");
    }

    public static PriceTier upTo(long bound, Money unitPrice) {
        return new PriceTier(OptionalLong.of(bound), unitPrice, Money.zero(unitPrice.currency()));
    }

    public static PriceTier unbounded(Money unitPrice) {
        return new PriceTier(OptionalLong.empty(), unitPrice, Money.zero(unitPrice.currency()));
    }

    public PriceTier withFlatFee(Money fee) {
        return new PriceTier(upTo, unitPrice, fee);
    }

    public boolean isUnbounded() {
        return upTo.isEmpty();
    }

    /** Whether {@code quantity} is within this tier's bound (any quantity is, for an unbounded tier). */
    boolean covers(long quantity) {
        return upTo.isEmpty() || quantity <= upTo.getAsLong();
    }
}
