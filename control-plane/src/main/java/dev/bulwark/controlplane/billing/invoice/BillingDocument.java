package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.billing.invoice.FeeLine;
import dev.bulwark.billing.invoice.InvoiceLine;
import dev.bulwark.billing.invoice.MeterUsage;
import dev.bulwark.billing.invoice.UsageLine;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An issued invoice or credit note, as stored and served. Amounts are decimal strings in the
 * currency's minor unit; a credit note's are negative.
 */
@Schema(name = "BillingDocument")
public record BillingDocument(
        UUID id,
        UUID tenantId,
        String kind,
        String number,
        String periodLabel,
        Instant periodStart,
        Instant periodEnd,
        String timeZone,
        String currency,
        List<Line> lines,
        List<Usage> usage,
        BigDecimal subtotal,
        BigDecimal taxRate,
        BigDecimal tax,
        BigDecimal total,
        @Nullable UUID creditedDocument,
        @Nullable String reason,
        Instant issuedAt,
        Instant dueAt,
        String status,
        @Nullable Instant paidAt,
        String hash,
        @Nullable UUID developerId,
        @Nullable UUID applicationId) {

    public static final String INVOICE = "invoice";
    public static final String CREDIT_NOTE = "credit_note";
    /** Issued by a tenant to the developer of one of its applications (API monetization). */
    public static final String DEVELOPER_INVOICE = "developer_invoice";
    /** A tenant's correction of one of its developer invoices. */
    public static final String DEVELOPER_CREDIT_NOTE = "developer_credit_note";

    /** @param kind {@code fee}, {@code usage} or {@code credit} */
    public record Line(String kind, String planId, String description, Instant from, Instant to, @Nullable Long quantity,
                       @Nullable String unitPrice, String amount) {

        /** A line of the pricing library's invoice, amounts as plain decimal strings. */
        public static Line of(InvoiceLine line) {
            return switch (line) {
                case FeeLine fee -> new Line("fee", fee.planId(), fee.description(), fee.interval().start(), fee.interval().end(), null, null,
                        fee.amount().amount().toPlainString());
                case UsageLine usage -> new Line("usage", usage.planId(), usage.description(), usage.interval().start(),
                        usage.interval().end(), usage.quantity(), usage.unitPrice().amount().toPlainString(),
                        usage.amount().amount().toPlainString());
            };
        }

        public Line withDescription(String text) {
            return new Line(kind, planId, text, from, to, quantity, unitPrice, amount);
        }
    }

    /** The quantities behind a plan segment's charges, so the invoice explains itself. */
    public record Usage(String planId, String meter, Instant from, Instant to, long used, long included, long overage, boolean billed) {

        public static Usage of(MeterUsage usage) {
            return new Usage(usage.planId(), usage.meter(), usage.interval().start(), usage.interval().end(), usage.used(), usage.included(),
                    usage.overage(), usage.billed());
        }
    }
}
