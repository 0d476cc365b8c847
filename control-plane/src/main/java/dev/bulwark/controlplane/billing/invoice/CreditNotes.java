package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.billing.money.Money;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Corrections: an issued invoice is never edited; the operator issues a credit note against it,
 * numbered in its own gapless series and chained like invoices. Credits never exceed what the
 * invoice charged (net of earlier credit notes).
 */
@Singleton
public class CreditNotes {
    private final Sql sql;
    private final BillingDocuments documents;
    private final DocumentChain chain;
    private final AuditTrail audit;

    CreditNotes(Sql sql, BillingDocuments documents, DocumentChain chain, AuditTrail audit) {
        this.sql = sql;
        this.documents = documents;
        this.chain = chain;
        this.audit = audit;
    }

    /** @param net the amount credited before tax, in the invoice's currency */
    @Transactional
    public BillingDocument issue(Principal operator, TenantId tenant, UUID invoiceId, BigDecimal net, String reason, Instant now) {
        BillingDocument invoice = documents.find(tenant, invoiceId).filter(d -> BillingDocument.INVOICE.equals(d.kind()))
                .orElseThrow(() -> ProblemException.notFound("Invoice"));
        BillingDocument note = credit(invoice, BillingDocument.CREDIT_NOTE, "CN", "CN", net, reason, now);
        audit.record(operator, "billing.credit-note.issue", "billing-document", note.id().toString(), null,
                Map.of("number", note.number(), "invoice", invoice.number(), "total", note.total().toPlainString()));
        return note;
    }

    /**
     * A tenant's correction of one of its invoices to a developer (API monetization): numbered in the
     * tenant's own series ({@code API-CN-000001}), addressed to the invoice's developer and application.
     */
    @Transactional
    public BillingDocument issueToDeveloper(Principal admin, UUID invoiceId, BigDecimal net, String reason, Instant now) {
        TenantId tenant = admin.tenantId();
        BillingDocument invoice = documents.findAny(tenant, invoiceId).filter(d -> BillingDocument.DEVELOPER_INVOICE.equals(d.kind()))
                .orElseThrow(() -> ProblemException.notFound("Invoice"));
        BillingDocument note = credit(invoice, BillingDocument.DEVELOPER_CREDIT_NOTE, "API-CN:" + tenant, "API-CN", net, reason, now);
        audit.record(admin, "billing.developer-credit-note.issue", "billing-document", note.id().toString(), null,
                Map.of("number", note.number(), "invoice", invoice.number(), "total", note.total().toPlainString()));
        return note;
    }

    private BillingDocument credit(BillingDocument invoice, String kind, String series, String prefix, BigDecimal net, String reason,
                                   Instant now) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ProblemException.invalid("reason", "must be 1 to 500 characters");
        }
        Currency currency = Currency.getInstance(invoice.currency());
        if (net == null || net.signum() <= 0 || net.scale() > currency.getDefaultFractionDigits()) {
            throw ProblemException.invalid("amount", "must be positive, in " + currency + " minor units at most");
        }
        // Serialises credit notes against one invoice, so two cannot both fit under the remainder.
        sql.list("SELECT 1 FROM billing_document WHERE id = ? FOR UPDATE", row -> 1, invoice.id());
        BigDecimal credited = sql.one("SELECT coalesce(-sum(subtotal), 0) FROM billing_document WHERE credited_document = ?",
                row -> row.getBigDecimal(1), invoice.id()).orElse(BigDecimal.ZERO);
        if (credited.add(net).compareTo(invoice.subtotal()) > 0) {
            throw ProblemException.invalid("amount", "exceeds what is left to credit on " + invoice.number() + ": "
                    + invoice.subtotal().subtract(credited).toPlainString() + " " + currency);
        }
        Money subtotal = Money.of(net, currency).negate();
        Money tax = subtotal.times(invoice.taxRate().movePointLeft(2)).rounded();
        Instant issuedAt = now.truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        String text = "Credit on " + invoice.number() + ": " + reason.strip();
        chain.issue(series, prefix, new DocumentChain.Content(id, invoice.tenantId(), kind, null, invoice.periodLabel(),
                invoice.periodStart(), invoice.periodEnd(), invoice.timeZone(), invoice.currency(),
                List.of(new BillingDocument.Line("credit", "", text, invoice.periodStart(), invoice.periodEnd(), null, null,
                        subtotal.amount().toPlainString())),
                List.of(), subtotal.amount(), invoice.taxRate(), tax.amount(), subtotal.plus(tax).amount(), invoice.id(), reason.strip(),
                issuedAt, issuedAt, invoice.developerId(), invoice.applicationId()));
        return documents.requireAny(new TenantId(invoice.tenantId()), id);
    }
}
