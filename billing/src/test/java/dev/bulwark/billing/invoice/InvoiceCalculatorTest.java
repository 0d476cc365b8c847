package dev.bulwark.billing.invoice;

import static dev.bulwark.billing.plan.Plans.EUR;
import static dev.bulwark.billing.plan.Plans.eur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.BillingPeriod;
import dev.bulwark.billing.plan.MeterPrice;
import dev.bulwark.billing.plan.Overage;
import dev.bulwark.billing.plan.PlanValidationException;
import dev.bulwark.billing.plan.Plans;
import dev.bulwark.billing.plan.PriceTier;
import dev.bulwark.billing.plan.PricePlan;
import dev.bulwark.billing.usage.UsageRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceCalculatorTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String SUB = "sub-1";

    private final InvoiceCalculator calculator = new InvoiceCalculator();

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    private static UsageRecord requests(String id, long quantity, String parisTime) {
        return new UsageRecord(id, SUB, "requests", quantity, paris(parisTime));
    }

    private static List<PlanChange> onPlanSince2024(PricePlan plan) {
        return List.of(new PlanChange(paris("2024-06-01T00:00:00"), plan));
    }

    @Test
    void fullMonthOnGraduatedPlan() {
        // 1,350,000 requests, 100,000 included → 1,250,000 overage:
        //   900,000 × 0.0004 = 360.00 and 350,000 × 0.0002 = 70.00; plus the 29.00 fee → 459.00
        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 1, PARIS), onPlanSince2024(Plans.starter()),
                List.of(requests("a", 1_000_000, "2025-01-05T09:00:00"), requests("b", 350_000, "2025-01-20T18:30:00")));

        assertThat(invoice.lines()).extracting(InvoiceLine::amount)
                .containsExactly(eur("29"), eur("360"), eur("70"));
        assertThat(invoice.subtotal()).isEqualTo(eur("459"));
        assertThat(invoice.total()).isEqualTo(invoice.subtotal());
        assertThat(invoice.lines().getFirst().description()).isEqualTo("Plan starter fee, 2025-01-01 to 2025-01-31");
        assertThat(invoice.usage()).singleElement().satisfies(u -> {
            assertThat(u.used()).isEqualTo(1_350_000);
            assertThat(u.included()).isEqualTo(100_000);
            assertThat(u.overage()).isEqualTo(1_250_000);
        });
    }

    @Test
    void fullMonthOnVolumePlan() {
        // 3,000,000 requests, 1,000,000 included → 2,000,000 overage, all at the 0.0003 tier = 600.00; + 99.00
        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 1, PARIS), onPlanSince2024(Plans.pro()),
                List.of(requests("a", 3_000_000, "2025-01-05T09:00:00")));

        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(eur("99"), eur("600"));
        assertThat(invoice.total()).isEqualTo(eur("699"));
    }

    @Test
    void hardCapReportsExcessButNeverBillsIt() {
        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 1, PARIS), onPlanSince2024(Plans.free()),
                List.of(requests("a", 10_250, "2025-01-05T09:00:00")));

        assertThat(invoice.lines()).isEmpty();
        assertThat(invoice.total()).isEqualTo(Money.zero(EUR));
        assertThat(invoice.usage()).singleElement()
                .extracting(MeterUsage::used, MeterUsage::included, MeterUsage::overage, MeterUsage::billed)
                .containsExactly(10_250L, 10_000L, 250L, false);
    }

    @Test
    void midMonthUpgradeProratesFeesAndAllowancesBySeconds() {
        // March 2025 in Paris lasts 2,674,800 s (clocks go forward on the 30th).
        // starter from 1 to 16 March 00:00: 15 days = 1,296,000 s; pro for the remaining 1,378,800 s.
        //   starter fee  29 × 1,296,000 / 2,674,800 = 14.0511… → 14.05
        //   starter allowance 100,000 × 1,296,000 / 2,674,800 = 48,452.2… → 48,452; used 60,000
        //     overage 11,548 × 0.0004 = 4.6192 → 4.62
        //   pro fee 99 × 1,378,800 / 2,674,800 = 51.0323… → 51.03
        //   pro allowance 1,000,000 × 1,378,800 / 2,674,800 = 515,477.79… → 515,478; used 600,000
        //     overage 84,522 × 0.0003 = 25.3566 → 25.36
        //   total 14.05 + 4.62 + 51.03 + 25.36 = 95.06
        List<PlanChange> timeline = List.of(
                new PlanChange(paris("2025-03-16T00:00:00"), Plans.pro()),
                new PlanChange(paris("2025-01-01T00:00:00"), Plans.starter()));
        List<UsageRecord> usage = List.of(
                requests("s", 60_000, "2025-03-15T23:59:59"),
                requests("p", 600_000, "2025-03-16T00:00:00"));

        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 3, PARIS), timeline, usage);

        assertThat(invoice.lines()).extracting(InvoiceLine::planId, InvoiceLine::amount).containsExactly(
                tuple("starter", eur("14.05")),
                tuple("starter", eur("4.62")),
                tuple("pro", eur("51.03")),
                tuple("pro", eur("25.36")));
        assertThat(invoice.total()).isEqualTo(eur("95.06"));
        assertThat(invoice.usage()).extracting(MeterUsage::planId, MeterUsage::included, MeterUsage::overage)
                .containsExactly(tuple("starter", 48_452L, 11_548L), tuple("pro", 515_478L, 84_522L));
        FeeLine starterFee = (FeeLine) invoice.lines().getFirst();
        assertThat(starterFee.billedSeconds()).isEqualTo(1_296_000);
        assertThat(starterFee.isProrated()).isTrue();
        assertThat(starterFee.description()).isEqualTo(
                "Plan starter fee, 2025-03-01 to 2025-03-15 (prorated 48.45% of the period)");
    }

    @Test
    void subscriptionStartingMidMonthPaysOnlyFromItsStart() {
        // pro from 16 March: fee 51.03 as above, no usage.
        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 3, PARIS),
                List.of(new PlanChange(paris("2025-03-16T00:00:00"), Plans.pro())),
                List.of(requests("before", 5_000_000, "2025-03-10T00:00:00")));

        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(eur("51.03"));
        assertThat(invoice.usage()).singleElement().extracting(MeterUsage::used).isEqualTo(0L);
    }

    @Test
    void changeAfterThePeriodDoesNotAffectIt() {
        List<PlanChange> timeline = List.of(
                new PlanChange(paris("2024-01-01T00:00:00"), Plans.starter()),
                new PlanChange(paris("2025-04-01T00:00:00"), Plans.pro()));

        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 3, PARIS), timeline, List.of());

        assertThat(invoice.lines()).extracting(InvoiceLine::planId).containsExactly("starter");
        assertThat(invoice.total()).isEqualTo(eur("29"));
    }

    @Test
    void usageAtTheMonthBoundaryIsBilledInTheRightMonth() {
        PricePlan payAsYouGo = new PricePlan("payg", EUR, eur("0"), List.of(new MeterPrice("requests", 0,
                Overage.graduated(List.of(PriceTier.unbounded(eur("0.01")))))));
        List<UsageRecord> usage = List.of(
                requests("late", 100, "2025-01-31T23:59:59"),
                requests("midnight", 7, "2025-02-01T00:00:00"));

        Invoice january = calculator.calculate(SUB, BillingPeriod.of(2025, 1, PARIS), onPlanSince2024(payAsYouGo), usage);
        Invoice february = calculator.calculate(SUB, BillingPeriod.of(2025, 2, PARIS), onPlanSince2024(payAsYouGo), usage);

        assertThat(january.total()).isEqualTo(eur("1.00"));
        assertThat(february.total()).isEqualTo(eur("0.07"));
    }

    @Test
    void duplicateUsageIsBilledOnce() {
        UsageRecord record = requests("evt-1", 200_000, "2025-01-10T10:00:00");

        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 1, PARIS), onPlanSince2024(Plans.starter()),
                List.of(record, record));

        // 100,000 overage × 0.0004 = 40.00
        assertThat(invoice.total()).isEqualTo(eur("69"));
    }

    @Test
    void eachLineIsRoundedHalfEvenOnItsOwn() {
        // Two meters, 5 units each at 0.001: each line is exactly 0.005, which rounds half-even to 0.00.
        // Rounding the sum instead (0.010) would bill a cent.
        PricePlan plan = new PricePlan("tiny", EUR, eur("0"), List.of(
                new MeterPrice("a", 0, Overage.graduated(List.of(PriceTier.unbounded(eur("0.001"))))),
                new MeterPrice("b", 0, Overage.graduated(List.of(PriceTier.unbounded(eur("0.001")))))));
        List<UsageRecord> usage = List.of(
                new UsageRecord("1", SUB, "a", 5, paris("2025-01-10T10:00:00")),
                new UsageRecord("2", SUB, "b", 15, paris("2025-01-10T10:00:00")));

        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 1, PARIS), onPlanSince2024(plan), usage);

        // a: 0.005 → 0.00 (2 is even); b: 0.015 → 0.02 (2 is even)
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(eur("0.00"), eur("0.02"));
        assertThat(invoice.total()).isEqualTo(eur("0.02"));
    }

    @Test
    void graduatedOverageShowsOneLinePerTierReached() {
        Invoice invoice = calculator.calculate(SUB, BillingPeriod.of(2025, 1, PARIS), onPlanSince2024(Plans.starter()),
                List.of(requests("a", 1_350_000, "2025-01-05T09:00:00")));

        assertThat(invoice.lines()).filteredOn(UsageLine.class::isInstance).map(UsageLine.class::cast)
                .extracting(UsageLine::tierIndex, UsageLine::quantity, UsageLine::description)
                .containsExactly(
                        tuple(0, 900_000L, "requests overage on plan starter, tier 1: 900000 × EUR 0.0004"),
                        tuple(1, 350_000L, "requests overage on plan starter, tier 2: 350000 × EUR 0.0002"));
    }

    @Test
    void refusesInvalidOrInconsistentTimelines() {
        BillingPeriod march = BillingPeriod.of(2025, 3, PARIS);
        PricePlan broken = new PricePlan("broken", EUR, eur("-5"), List.of());
        PricePlan dollars = new PricePlan("usd", Currency.getInstance("USD"), Money.of("5", "USD"), List.of());
        Instant start = paris("2025-01-01T00:00:00");

        assertThatThrownBy(() -> calculator.calculate(SUB, march, List.of(), List.of()))
                .hasMessageContaining("at least one plan");
        assertThatThrownBy(() -> calculator.calculate(SUB, march, List.of(new PlanChange(start, broken)), List.of()))
                .isInstanceOf(PlanValidationException.class).hasMessageContaining("monthlyFee");
        assertThatThrownBy(() -> calculator.calculate(SUB, march, List.of(new PlanChange(start, Plans.starter()),
                new PlanChange(paris("2025-03-10T00:00:00"), dollars)), List.of())).hasMessageContaining("currency");
        assertThatThrownBy(() -> calculator.calculate(SUB, march, List.of(new PlanChange(start, Plans.starter()),
                new PlanChange(start, Plans.pro())), List.of())).hasMessageContaining("Two plan changes");
        assertThatThrownBy(() -> calculator.calculate(SUB, march,
                List.of(new PlanChange(paris("2025-05-01T00:00:00"), Plans.pro())), List.of()))
                .hasMessageContaining("No plan is in force");
    }

    @Test
    void invoiceRejectsASubtotalThatDoesNotAddUp() {
        BillingPeriod january = BillingPeriod.of(2025, 1, PARIS);
        List<InvoiceLine> lines = new ArrayList<>();
        lines.add(new FeeLine("p", january.interval(), 1, 1, eur("10"), "fee"));

        assertThatThrownBy(() -> new Invoice(SUB, january, EUR, lines, List.of(), eur("9.99"), eur("9.99")))
                .hasMessageContaining("not the sum");
        assertThatThrownBy(() -> new Invoice(SUB, january, EUR,
                List.of(new FeeLine("p", january.interval(), 1, 1, eur("0.001"), "fee")), List.of(),
                eur("0.001"), eur("0.001"))).hasMessageContaining("not rounded");
    }

    @Test
    void prorationOfAllowanceRoundsToTheNearestUnitHalfEven() {
        assertThat(InvoiceCalculator.prorate(3, 1, 2)).isEqualTo(2); // 1.5 → 2
        assertThat(InvoiceCalculator.prorate(5, 1, 2)).isEqualTo(2); // 2.5 → 2
        assertThat(InvoiceCalculator.prorate(100, 7, 7)).isEqualTo(100);
    }
}
