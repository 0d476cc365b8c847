package dev.bulwark.controlplane.billing.invoice;

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
        String hash) {

    public static final String INVOICE = "invoice";
    public static final String CREDIT_NOTE = "credit_note";

    /** @param kind {@code fee}, {@code usage} or {@code credit} */
    public record Line(String kind, String planId, String description, Instant from, Instant to, @Nullable Long quantity,
                       @Nullable String unitPrice, String amount) {
    }

    /** The quantities behind a plan segment's charges, so the invoice explains itself. */
    public record Usage(String planId, String meter, Instant from, Instant to, long used, long included, long overage, boolean billed) {
    }
}
