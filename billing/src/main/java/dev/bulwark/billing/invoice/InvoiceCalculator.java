package dev.bulwark.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.billing.period.BillingPeriod;
import dev.bulwark.billing.period.Interval;
import dev.bulwark.billing.plan.MeterPrice;
import dev.bulwark.billing.plan.Overage;
import dev.bulwark.billing.plan.PlanValidator;
import dev.bulwark.billing.plan.PricePlan;
import dev.bulwark.billing.plan.TierCharge;
import dev.bulwark.billing.plan.TieredPricing;
import dev.bulwark.billing.usage.MeteredUsage;
import dev.bulwark.billing.usage.UsageAggregator;
import dev.bulwark.billing.usage.UsageRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;

/**
 * Computes a period's invoice from the subscription's plan timeline and its usage.
 *
 * <p>The period is cut into segments, one per plan in force. Each segment is billed on its own:
 * the monthly fee and the included units are prorated by seconds of the period (a 30-day month in
 * a daylight-saving change is 719 or 721 hours, and that is what counts); usage is what was
 * recorded inside the segment; overage tiers are not prorated. Every line is rounded half-even to
 * the minor unit, once.
 */
public final class InvoiceCalculator {

    public Invoice calculate(String subscriptionId, BillingPeriod period, List<PlanChange> timeline,
            Collection<UsageRecord> usage) {
        List<Segment> segments = segments(period, timeline);
        Currency currency = segments.getFirst().plan().currency();
        long periodSeconds = period.interval().seconds();
        List<InvoiceLine> lines = new ArrayList<>();
        List<MeterUsage> meters = new ArrayList<>();
        for (Segment segment : segments) {
            PricePlan plan = segment.plan();
            long seconds = segment.interval().seconds();
            if (!plan.monthlyFee().isZero()) {
                lines.add(new FeeLine(plan.id(), segment.interval(), seconds, periodSeconds,
                        plan.monthlyFee().timesFraction(seconds, periodSeconds),
                        LineText.fee(plan, segment.interval(), period, seconds, periodSeconds)));
            }
            MeteredUsage used = UsageAggregator.aggregate(subscriptionId, segment.interval(), usage);
            for (MeterPrice meter : plan.meters()) {
                bill(meter, plan, segment, used.quantity(meter.meter()), seconds, periodSeconds, lines, meters);
            }
        }
        Money subtotal = lines.stream().map(InvoiceLine::amount).reduce(Money.zero(currency), Money::plus);
        return new Invoice(subscriptionId, period, currency, lines, meters, subtotal, subtotal);
    }

    private static void bill(MeterPrice meter, PricePlan plan, Segment segment, long used, long seconds,
            long periodSeconds, List<InvoiceLine> lines, List<MeterUsage> meters) {
        long included = prorate(meter.includedUnits(), seconds, periodSeconds);
        long overage = Math.max(0, used - included);
        boolean billed = meter.overage() instanceof Overage.Billed;
        meters.add(new MeterUsage(plan.id(), meter.meter(), segment.interval(), used, included, overage, billed));
        if (meter.overage() instanceof Overage.Billed tiers) {
            for (TierCharge charge : TieredPricing.charges(tiers.mode(), tiers.tiers(), overage)) {
                lines.add(new UsageLine(plan.id(), meter.meter(), segment.interval(), charge.tierIndex(),
                        charge.quantity(), charge.unitPrice(), charge.flatFee(), charge.amount().rounded(),
                        LineText.usage(meter.meter(), plan, tiers.mode(), charge)));
            }
        }
    }

    /** Included units for a partial period, to the nearest unit (half-even, like money). */
    static long prorate(long units, long seconds, long periodSeconds) {
        return BigDecimal.valueOf(units).multiply(BigDecimal.valueOf(seconds))
                .divide(BigDecimal.valueOf(periodSeconds), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    /** The plans in force during the period, each clipped to the period. */
    private static List<Segment> segments(BillingPeriod period, List<PlanChange> timeline) {
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("A subscription needs at least one plan");
        }
        List<PlanChange> changes = timeline.stream().sorted(Comparator.comparing(PlanChange::effectiveFrom)).toList();
        Currency currency = changes.getFirst().plan().currency();
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            PlanChange change = changes.get(i);
            PlanValidator.requireValid(change.plan());
            if (!change.plan().currency().equals(currency)) {
                throw new IllegalArgumentException("Plans of one subscription must share a currency: "
                        + currency + " and " + change.plan().currency());
            }
            Instant end = i + 1 < changes.size() ? changes.get(i + 1).effectiveFrom() : period.end();
            if (!change.effectiveFrom().isBefore(end)) {
                if (i + 1 < changes.size() && change.effectiveFrom().equals(end)) {
                    throw new IllegalArgumentException("Two plan changes at " + end);
                }
                continue;
            }
            new Interval(change.effectiveFrom(), end).intersection(period.interval())
                    .ifPresent(interval -> segments.add(new Segment(change.plan(), interval)));
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("No plan is in force during " + period.month());
        }
        return segments;
    }

    private record Segment(PricePlan plan, Interval interval) {}
}
