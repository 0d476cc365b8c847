package dev.bulwark.billing.plan;

import dev.bulwark.billing.money.Money;

/**
 * What one tier contributes for a quantity: {@code quantity} units at {@code unitPrice}, plus the
 * tier's flat fee. The amount is exact; rounding is the invoice's business.
 */
public record TierCharge(int tierIndex, long firstUnit, long lastUnit, long quantity, Money unitPrice,
        Money flatFee) {

    public Money amount() {
        return unitPrice.times(quantity).plus(flatFee);
    }
}
