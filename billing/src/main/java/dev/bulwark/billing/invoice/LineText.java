package dev.bulwark.billing.invoice;

import dev.bulwark.billing.period.BillingPeriod;
import dev.bulwark.billing.period.Interval;
import dev.bulwark.billing.plan.PricePlan;
import dev.bulwark.billing.plan.TierCharge;
import dev.bulwark.billing.plan.TierMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** Human descriptions of invoice lines, dates in the customer's zone. */
final class LineText {

    private LineText() {}

    static String fee(PricePlan plan, Interval interval, BillingPeriod period, long seconds, long periodSeconds) {
        String text = "Plan " + plan.id() + " fee, " + dates(interval, period);
        if (seconds == periodSeconds) {
            return text;
        }
        BigDecimal percent = BigDecimal.valueOf(seconds * 100L)
                .divide(BigDecimal.valueOf(periodSeconds), 2, RoundingMode.HALF_EVEN);
        return text + " (prorated " + percent.toPlainString() + "% of the period)";
    }

    static String usage(String meter, PricePlan plan, TierMode mode, TierCharge charge) {
        String text = meter + " overage on plan " + plan.id() + ", "
                + (mode == TierMode.VOLUME ? "volume tier " : "tier ") + (charge.tierIndex() + 1) + ": "
                + charge.quantity() + " × " + charge.unitPrice();
        return charge.flatFee().isZero() ? text : text + " + " + charge.flatFee() + " flat";
    }

    private static String dates(Interval interval, BillingPeriod period) {
        LocalDate first = interval.start().atZone(period.zone()).toLocalDate();
        LocalDate last = interval.end().minusNanos(1).atZone(period.zone()).toLocalDate();
        return first.equals(last) ? first.toString() : first + " to " + last;
    }
}
