package dev.bulwark.billing.plan;

/**
 * How tiers turn a quantity into a price. For tiers "up to 1,000 at 0.10, then 0.05" and 1,500
 * units: graduated charges 1,000 × 0.10 + 500 × 0.05 = 125; volume charges 1,500 × 0.05 = 75.
 */
public enum TierMode {
    /** Each unit is priced by the tier it falls in; the total never decreases as usage grows. */
    GRADUATED,
    /**
     * All units are priced by the tier the total falls in. Crossing a bound can lower the total
     * (1,000 units cost 100, 1,001 cost 50.05 above); that is the point of volume discounts.
     */
    VOLUME
}
