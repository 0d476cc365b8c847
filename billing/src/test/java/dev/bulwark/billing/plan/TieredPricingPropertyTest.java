package dev.bulwark.billing.plan;

import static dev.bulwark.billing.plan.Plans.EUR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.billing.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Invariants of tier pricing over generated, valid tier tables. Each repetition uses its own fixed
 * seed, so a failure names the repetition that reproduces it.
 */
class TieredPricingPropertyTest {
    private static final int CASES_PER_REPETITION = 50;

    @RepeatedTest(20)
    void graduatedTotalNeverDecreasesAsQuantityGrows(RepetitionInfo repetition) {
        SplittableRandom random = random(repetition, 1);
        for (int i = 0; i < CASES_PER_REPETITION; i++) {
            List<PriceTier> tiers = tierTable(random);
            long quantity = random.nextLong(200_001);
            long more = random.nextLong(50_001);
            Money smaller = TieredPricing.total(TierMode.GRADUATED, tiers, quantity, Money.zero(EUR));
            Money larger = TieredPricing.total(TierMode.GRADUATED, tiers, quantity + more, Money.zero(EUR));

            assertThat(larger).as("tiers %s, %d then %d", tiers, quantity, quantity + more).isGreaterThanOrEqualTo(smaller);
            // Also once every line is rounded, as on an invoice.
            assertThat(roundedLines(tiers, quantity + more)).isGreaterThanOrEqualTo(roundedLines(tiers, quantity));
        }
    }

    @RepeatedTest(20)
    void graduatedChargesCoverEachUnitExactlyOnce(RepetitionInfo repetition) {
        SplittableRandom random = random(repetition, 2);
        for (int i = 0; i < CASES_PER_REPETITION; i++) {
            List<PriceTier> tiers = tierTable(random);
            long quantity = 1 + random.nextLong(200_000);
            List<TierCharge> charges = TieredPricing.charges(TierMode.GRADUATED, tiers, quantity);

            assertThat(charges.getFirst().firstUnit()).isEqualTo(1);
            assertThat(charges.getLast().lastUnit()).isEqualTo(quantity);
            for (int c = 1; c < charges.size(); c++) {
                assertThat(charges.get(c).firstUnit()).isEqualTo(charges.get(c - 1).lastUnit() + 1);
            }
            assertThat(charges.stream().mapToLong(TierCharge::quantity).sum()).isEqualTo(quantity);
        }
    }

    @RepeatedTest(20)
    void withFallingPricesAndNoFlatFeesVolumeNeverCostsMoreThanGraduated(RepetitionInfo repetition) {
        SplittableRandom random = random(repetition, 3);
        for (int i = 0; i < CASES_PER_REPETITION; i++) {
            List<PriceTier> tiers = falling(tierTable(random));
            long quantity = random.nextLong(200_001);
            Money volume = TieredPricing.total(TierMode.VOLUME, tiers, quantity, Money.zero(EUR));
            Money graduated = TieredPricing.total(TierMode.GRADUATED, tiers, quantity, Money.zero(EUR));

            assertThat(volume).as("tiers %s at %d", tiers, quantity).isLessThanOrEqualTo(graduated);
        }
    }

    @RepeatedTest(10)
    void generatedTablesAreValidPlans(RepetitionInfo repetition) {
        SplittableRandom random = random(repetition, 4);
        for (int i = 0; i < CASES_PER_REPETITION; i++) {
            PricePlan plan = new PricePlan("generated", EUR, Money.zero(EUR),
                    List.of(new MeterPrice("requests", 0, Overage.graduated(tierTable(random)))));

            assertThat(PlanValidator.violations(plan)).isEmpty();
        }
    }

    private static SplittableRandom random(RepetitionInfo repetition, int property) {
        return new SplittableRandom(property * 1_000L + repetition.getCurrentRepetition());
    }

    /** 1-6 tiers; bounds are cumulative widths, so they ascend; the last tier is unbounded. */
    private static List<PriceTier> tierTable(SplittableRandom random) {
        int count = 1 + random.nextInt(6);
        List<PriceTier> tiers = new ArrayList<>();
        long bound = 0;
        for (int i = 0; i < count; i++) {
            bound += 1 + random.nextLong(20_000);
            Money unitPrice = Money.of(BigDecimal.valueOf(random.nextLong(100_001), 5), EUR);
            Money flatFee = Money.of(BigDecimal.valueOf(random.nextLong(1_001), 2), EUR);
            PriceTier tier = i == count - 1 ? PriceTier.unbounded(unitPrice) : PriceTier.upTo(bound, unitPrice);
            tiers.add(tier.withFlatFee(flatFee));
        }
        return tiers;
    }

    /** Same bounds, prices sorted high to low, flat fees dropped. */
    private static List<PriceTier> falling(List<PriceTier> tiers) {
        List<Money> prices = new ArrayList<>(tiers.stream().map(PriceTier::unitPrice).toList());
        prices.sort((a, b) -> b.compareTo(a));
        List<PriceTier> falling = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            falling.add(new PriceTier(tiers.get(i).upTo(), prices.get(i), Money.zero(EUR)));
        }
        return falling;
    }

    private static Money roundedLines(List<PriceTier> tiers, long quantity) {
        return TieredPricing.charges(TierMode.GRADUATED, tiers, quantity).stream()
                .map(charge -> charge.amount().rounded())
                .reduce(Money.zero(EUR), Money::plus);
    }
}
