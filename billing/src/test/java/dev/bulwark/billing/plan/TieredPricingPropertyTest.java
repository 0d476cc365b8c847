package dev.bulwark.billing.plan;

import static dev.bulwark.billing.plan.Plans.EUR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.billing.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Invariants of tier pricing over generated, valid tier tables. */
class TieredPricingPropertyTest {

    @Property
    void graduatedTotalNeverDecreasesAsQuantityGrows(@ForAll("tierTables") List<PriceTier> tiers,
            @ForAll @LongRange(max = 200_000) long quantity, @ForAll @LongRange(max = 50_000) long more) {
        Money smaller = TieredPricing.total(TierMode.GRADUATED, tiers, quantity, Money.zero(EUR));
        Money larger = TieredPricing.total(TierMode.GRADUATED, tiers, quantity + more, Money.zero(EUR));

        assertThat(larger).isGreaterThanOrEqualTo(smaller);
        // Also once every line is rounded, as on an invoice.
        assertThat(roundedLines(tiers, quantity + more)).isGreaterThanOrEqualTo(roundedLines(tiers, quantity));
    }

    @Property
    void graduatedChargesCoverEachUnitExactlyOnce(@ForAll("tierTables") List<PriceTier> tiers,
            @ForAll @LongRange(min = 1, max = 200_000) long quantity) {
        List<TierCharge> charges = TieredPricing.charges(TierMode.GRADUATED, tiers, quantity);

        assertThat(charges.getFirst().firstUnit()).isEqualTo(1);
        assertThat(charges.getLast().lastUnit()).isEqualTo(quantity);
        for (int i = 1; i < charges.size(); i++) {
            assertThat(charges.get(i).firstUnit()).isEqualTo(charges.get(i - 1).lastUnit() + 1);
        }
        assertThat(charges.stream().mapToLong(TierCharge::quantity).sum()).isEqualTo(quantity);
    }

    @Property
    void withFallingPricesAndNoFlatFeesVolumeNeverCostsMoreThanGraduated(
            @ForAll("fallingTierTables") List<PriceTier> tiers, @ForAll @LongRange(max = 200_000) long quantity) {
        Money volume = TieredPricing.total(TierMode.VOLUME, tiers, quantity, Money.zero(EUR));
        Money graduated = TieredPricing.total(TierMode.GRADUATED, tiers, quantity, Money.zero(EUR));

        assertThat(volume).isLessThanOrEqualTo(graduated);
    }

    @Property
    void generatedTablesAreValidPlans(@ForAll("tierTables") List<PriceTier> tiers) {
        PricePlan plan = new PricePlan("generated", EUR, Money.zero(EUR),
                List.of(new MeterPrice("requests", 0, Overage.graduated(tiers))));

        assertThat(PlanValidator.violations(plan)).isEmpty();
    }

    @Provide
    Arbitrary<List<PriceTier>> tierTables() {
        Arbitrary<Money> unitPrices = Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.ONE).ofScale(5)
                .map(amount -> Money.of(amount, EUR));
        Arbitrary<Money> flatFees = Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.TEN).ofScale(2)
                .map(amount -> Money.of(amount, EUR));
        Arbitrary<Tier> tier = Combinators.combine(Arbitraries.longs().between(1, 20_000), unitPrices, flatFees)
                .as(Tier::new);
        return tier.list().ofMinSize(1).ofMaxSize(6).map(TieredPricingPropertyTest::table);
    }

    @Provide
    Arbitrary<List<PriceTier>> fallingTierTables() {
        return tierTables().map(tiers -> {
            // Sort prices high to low over the same bounds, and drop flat fees.
            List<Money> prices = new ArrayList<>(tiers.stream().map(PriceTier::unitPrice).toList());
            prices.sort((a, b) -> b.compareTo(a));
            List<PriceTier> falling = new ArrayList<>();
            for (int i = 0; i < tiers.size(); i++) {
                falling.add(new PriceTier(tiers.get(i).upTo(), prices.get(i), Money.zero(EUR)));
            }
            return falling;
        });
    }

    private static Money roundedLines(List<PriceTier> tiers, long quantity) {
        return TieredPricing.charges(TierMode.GRADUATED, tiers, quantity).stream()
                .map(charge -> charge.amount().rounded())
                .reduce(Money.zero(EUR), Money::plus);
    }

    /** Bounds are cumulative widths, so they ascend; the last tier is made unbounded. */
    private static List<PriceTier> table(List<Tier> generated) {
        List<PriceTier> tiers = new ArrayList<>();
        long bound = 0;
        for (int i = 0; i < generated.size(); i++) {
            Tier t = generated.get(i);
            bound += t.width();
            PriceTier tier = i == generated.size() - 1
                    ? PriceTier.unbounded(t.unitPrice())
                    : PriceTier.upTo(bound, t.unitPrice());
            tiers.add(tier.withFlatFee(t.flatFee()));
        }
        return tiers;
    }

    private record Tier(long width, Money unitPrice, Money flatFee) {}
}
