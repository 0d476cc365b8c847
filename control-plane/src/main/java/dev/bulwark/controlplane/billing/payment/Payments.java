package dev.bulwark.controlplane.billing.payment;

import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Marks invoices paid: from a provider's verified webhook (once per idempotency key) or by the
 * platform operator for a bank transfer (the manual adapter). Payment status is the only thing
 * about an issued invoice that ever changes.
 */
@Singleton
public class Payments {
    /** @param duplicate true when this idempotency key was seen before: nothing was done again */
    public record Receipt(String invoiceNumber, String status, boolean duplicate) {
    }

    private final Sql sql;
    private final AuditTrail audit;

    Payments(Sql sql, AuditTrail audit) {
        this.sql = sql;
        this.audit = audit;
    }

    @Transactional
    public Receipt fromProvider(String provider, PaymentProvider.Payment payment, Instant now) {
        if (payment.idempotencyKey() == null || payment.idempotencyKey().isBlank() || payment.idempotencyKey().length() > 200) {
            throw ProblemException.invalid("id", "is required: it is the idempotency key");
        }
        UUID documentId = sql.one("SELECT id FROM billing_document WHERE number = ? AND kind = 'invoice'", row -> row.getObject(1, UUID.class),
                payment.invoiceNumber()).orElseThrow(() -> ProblemException.invalid("invoice", "is not an invoice number"));
        int first = sql.update("INSERT INTO payment_event (provider, idempotency_key, document_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (provider, idempotency_key) DO NOTHING", provider, payment.idempotencyKey(), documentId);
        if (first == 0) {
            return new Receipt(payment.invoiceNumber(), status(documentId), true);
        }
        markPaid(documentId, provider + ":" + payment.reference(), now);
        return new Receipt(payment.invoiceNumber(), "paid", false);
    }

    /** The manual / bank-transfer adapter: the operator saw the money arrive. */
    @Transactional
    public Receipt byOperator(Principal operator, TenantId tenant, UUID invoiceId, String reference, Instant now) {
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw ProblemException.invalid("reference", "must be 1 to 200 characters, e.g. the bank transfer's reference");
        }
        String number = sql.one("SELECT number FROM billing_document WHERE tenant_id = ? AND id = ? AND kind = 'invoice'",
                row -> row.getString(1), tenant, invoiceId).orElseThrow(() -> ProblemException.notFound("Invoice"));
        if (!markPaid(invoiceId, "manual:" + reference.strip(), now)) {
            return new Receipt(number, "paid", true);
        }
        audit.record(operator, "billing.invoice.paid", "billing-document", invoiceId.toString(), Map.of("status", "open"),
                Map.of("status", "paid", "reference", reference.strip()));
        return new Receipt(number, "paid", false);
    }

    /**
     * A tenant records that its developer paid one of its invoices (bank transfer, or a provider of
     * the tenant's own outside Bulwark). Paying twice changes nothing and says so.
     */
    @Transactional
    public Receipt byTenant(Principal admin, UUID invoiceId, String reference, Instant now) {
        String number = sql.one("SELECT number FROM billing_document WHERE tenant_id = ? AND id = ? AND kind = 'developer_invoice'",
                row -> row.getString(1), admin.tenantId(), invoiceId).orElseThrow(() -> ProblemException.notFound("Invoice"));
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw ProblemException.invalid("reference", "must be 1 to 200 characters, e.g. the bank transfer's reference");
        }
        if (!markPaid(invoiceId, "tenant:" + reference.strip(), now)) {
            return new Receipt(number, "paid", true);
        }
        audit.record(admin, "billing.developer-invoice.paid", "billing-document", invoiceId.toString(), Map.of("status", "open"),
                Map.of("status", "paid", "reference", reference.strip()));
        return new Receipt(number, "paid", false);
    }

    private boolean markPaid(UUID documentId, String reference, Instant now) {
        return sql.update("UPDATE billing_document SET status = 'paid', paid_at = ?, payment_reference = ? WHERE id = ? AND status = 'open'",
                now, reference, documentId) == 1;
    }

    private String status(UUID documentId) {
        return sql.one("SELECT status FROM billing_document WHERE id = ?", row -> row.getString(1), documentId).orElseThrow();
    }
}
