package dev.bulwark.billing.plan;

import static dev.bulwark.billing.plan.Plans.EUR;
import static dev.bulwark.billing.plan.Plans.eur;
import static dev.bulwark.billing.plan.Plans.threeTiers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.billing.money.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiers: up to 1,000 at 0.10, up to 10,000 at 0.05, beyond at 0.01 (EUR per unit). */
class TieredPricingTest {

    private static Money total(TierMode mode, List<PriceTier> tiers, long quantity) {
        return TieredPricing.total(mode, tiers, quantity, Money.zero(EUR));
    }

    @Test
    void graduatedPricesEachUnitInItsOwnTier() {
        // 15,000 units: 1,000 × 0.10 = 100.00; 9,000 × 0.05 = 450.00; 5,000 × 0.01 = 50.00; total 600.00
        List<TierCharge> charges = TieredPricing.charges(TierMode.GRADUATED, threeTiers(), 15_000);

        assertThat(charges).extracting(TierCharge::tierIndex, TierCharge::firstUnit, TierCharge::lastUnit,
                TierCharge::quantity).containsExactly(
                        tuple(0, 1L, 1_000L, 1_000L),
                        tuple(1, 1_001L, 10_000L, 9_000L),
                        tuple(2, 10_001L, 15_000L, 5_000L));
        assertThat(total(TierMode.GRADUATED, threeTiers(), 15_000)).isEqualTo(eur("600"));
    }

    @Test
    void volumePricesAllUnitsAtTheTierTheTotalReaches() {
        // 15,000 units all at 0.01 = 150.00
        assertThat(TieredPricing.charges(TierMode.VOLUME, threeTiers(), 15_000))
                .singleElement()
                .satisfies(c -> assertThat(c.tierIndex()).isEqualTo(2));
        assertThat(total(TierMode.VOLUME, threeTiers(), 15_000)).isEqualTo(eur("150"));
    }

    @Test
    void boundsAreInclusive() {
        // 1,000 units are all in the first tier: 1,000 × 0.10 = 100.00 in both modes.
        assertThat(TieredPricing.charges(TierMode.GRADUATED, threeTiers(), 1_000)).hasSize(1);
        assertThat(total(TierMode.GRADUATED, threeTiers(), 1_000)).isEqualTo(eur("100"));
        assertThat(total(TierMode.VOLUME, threeTiers(), 1_000)).isEqualTo(eur("100"));
        // Unit 1,001 opens the second tier: graduated 100.00 + 0.05 = 100.05.
        assertThat(total(TierMode.GRADUATED, threeTiers(), 1_001)).isEqualTo(eur("100.05"));
    }

    @Test
    void volumeTotalDropsWhenCrossingABoundGraduatedDoesNot() {
        // Volume: 1,000 × 0.10 = 100.00 but 1,001 × 0.05 = 50.05.
        assertThat(total(TierMode.VOLUME, threeTiers(), 1_001)).isEqualTo(eur("50.05"))
                .isLessThan(total(TierMode.VOLUME, threeTiers(), 1_000));
        assertThat(total(TierMode.GRADUATED, threeTiers(), 1_001))
                .isGreaterThan(total(TierMode.GRADUATED, threeTiers(), 1_000));
    }

    @Test
    void flatFeesAreChargedOncePerTierUsed() {
        List<PriceTier> tiers = List.of(
                PriceTier.upTo(1_000, eur("0.10")),
                PriceTier.upTo(10_000, eur("0.05")).withFlatFee(eur("5")),
                PriceTier.unbounded(eur("0.01")));

        // Graduated 1,500: 1,000 × 0.10 + (500 × 0.05 + 5.00) = 100 + 30 = 130.00
        assertThat(total(TierMode.GRADUATED, tiers, 1_500)).isEqualTo(eur("130"));
        // Volume 1,500: 1,500 × 0.05 + 5.00 = 80.00
        assertThat(total(TierMode.VOLUME, tiers, 1_500)).isEqualTo(eur("80"));
        // The flat fee is not charged before the tier is reached.
        assertThat(total(TierMode.GRADUATED, tiers, 1_000)).isEqualTo(eur("100"));
    }

    @Test
    void zeroUnitsCostNothingNotEvenAFlatFee() {
        List<PriceTier> tiers = List.of(PriceTier.unbounded(eur("0.10")).withFlatFee(eur("5")));

        assertThat(TieredPricing.charges(TierMode.VOLUME, tiers, 0)).isEmpty();
        assertThat(TieredPricing.charges(TierMode.GRADUATED, tiers, 0)).isEmpty();
    }

    @Test
    void negativeQuantityIsRejected() {
        assertThatThrownBy(() -> TieredPricing.charges(TierMode.GRADUATED, threeTiers(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
