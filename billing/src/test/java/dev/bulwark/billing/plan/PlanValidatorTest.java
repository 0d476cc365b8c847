package dev.bulwark.billing.plan;

import static dev.bulwark.billing.plan.Plans.EUR;
import static dev.bulwark.billing.plan.Plans.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.billing.money.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

    private static PricePlan withTiers(List<PriceTier> tiers) {
        return new PricePlan("p", EUR, eur("10"), List.of(new MeterPrice("requests", 0, Overage.graduated(tiers))));
    }

    private static List<String> paths(PricePlan plan) {
        return PlanValidator.violations(plan).stream().map(Violation::path).toList();
    }

    @Test
    void samplePlansAreValid() {
        assertThat(PlanValidator.violations(Plans.starter())).isEmpty();
        assertThat(PlanValidator.violations(Plans.pro())).isEmpty();
        assertThat(PlanValidator.violations(Plans.free())).isEmpty();
    }

    @Test
    void boundsMustAscendStrictly() {
        PricePlan plan = withTiers(List.of(
                PriceTier.upTo(1_000, eur("0.1")),
                PriceTier.upTo(5_000, eur("0.1")),
                PriceTier.upTo(5_000, eur("0.1")),
                PriceTier.unbounded(eur("0.1"))));

        assertThat(PlanValidator.violations(plan)).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("meters[0].overage.tiers[2].upTo");
            assertThat(v.message()).isEqualTo("must be greater than 5000, the bound of tiers[1]");
        });
    }

    @Test
    void firstBoundMustBePositive() {
        assertThat(paths(withTiers(List.of(PriceTier.upTo(0, eur("0.1")), PriceTier.unbounded(eur("0.1"))))))
                .containsExactly("meters[0].overage.tiers[0].upTo");
    }

    @Test
    void onlyTheLastTierIsUnboundedAndItMustBe() {
        assertThat(paths(withTiers(List.of(PriceTier.unbounded(eur("0.1")), PriceTier.upTo(10, eur("0.1"))))))
                .containsExactly("meters[0].overage.tiers[0].upTo", "meters[0].overage.tiers[1].upTo");
        assertThat(PlanValidator.violations(withTiers(List.of(PriceTier.upTo(10, eur("0.1"))))))
                .extracting(Violation::message)
                .containsExactly("the last tier must be unbounded, otherwise usage above 10 has no price");
    }

    @Test
    void pricesMustBeNonNegativeAndInThePlanCurrency() {
        PricePlan plan = new PricePlan("p", EUR, eur("-1"), List.of(new MeterPrice("requests", 0, Overage.volume(List.of(
                PriceTier.upTo(10, eur("-0.01")),
                PriceTier.unbounded(Money.of("0.01", "USD")).withFlatFee(eur("-2")))))));

        assertThat(PlanValidator.violations(plan)).extracting(Violation::toString).containsExactly(
                "monthlyFee: must not be negative",
                "meters[0].overage.tiers[0].unitPrice: must not be negative",
                "meters[0].overage.tiers[1].unitPrice: currency USD differs from the plan's EUR",
                "meters[0].overage.tiers[1].flatFee: must not be negative");
    }

    @Test
    void metersMustBeNamedUniqueWithNonNegativeAllowanceAndSomeTiers() {
        PricePlan plan = new PricePlan(" ", EUR, eur("0"), List.of(
                new MeterPrice("requests", 10, Overage.hardCap()),
                new MeterPrice("requests", -1, Overage.graduated(List.of())),
                new MeterPrice("", 0, Overage.hardCap())));

        assertThat(paths(plan)).containsExactly("id", "meters[1].meter", "meters[1].includedUnits",
                "meters[1].overage.tiers", "meters[2].meter");
    }

    @Test
    void requireValidReportsEveryViolationAtOnce() {
        PricePlan plan = withTiers(List.of(PriceTier.upTo(10, eur("-1"))));

        assertThatThrownBy(() -> PlanValidator.requireValid(plan))
                .isInstanceOfSatisfying(PlanValidationException.class, e -> assertThat(e.violations()).hasSize(2))
                .hasMessageContaining("meters[0].overage.tiers[0].upTo")
                .hasMessageContaining("meters[0].overage.tiers[0].unitPrice");
        assertThat(PlanValidator.requireValid(Plans.starter())).isEqualTo(Plans.starter());
    }
}
