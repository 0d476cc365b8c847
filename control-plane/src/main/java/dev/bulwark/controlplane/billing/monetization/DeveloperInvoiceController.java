package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.controlplane.billing.invoice.BillingDocument;
import dev.bulwark.controlplane.billing.invoice.BillingDocuments;
import dev.bulwark.controlplane.billing.invoice.CreditNotes;
import dev.bulwark.controlplane.billing.invoice.InvoiceCsv;
import dev.bulwark.controlplane.billing.invoice.InvoiceDownloads;
import dev.bulwark.controlplane.billing.invoice.InvoicePdf;
import dev.bulwark.controlplane.billing.invoice.PlatformInvoiceController.CreditNoteRequest;
import dev.bulwark.controlplane.billing.payment.PlatformPaymentController.ManualPayment;
import dev.bulwark.controlplane.billing.payment.Payments;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tenant's side of API monetization: the invoices and credit notes it issued to its developers,
 * recording their payment, correcting them with credit notes, and the tax rate they carry.
 * Another tenant's documents, and Bulwark's own invoices to the tenant, are 404 here.
 */
@Controller("/api/v1/billing")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class DeveloperInvoiceController {
    private static final int LIST_LIMIT = 500;

    private final BillingDocuments documents;
    private final CreditNotes creditNotes;
    private final Payments payments;
    private final DeveloperInvoicing invoicing;
    private final Tenants tenants;
    private final Sql sql;

    DeveloperInvoiceController(BillingDocuments documents, CreditNotes creditNotes, Payments payments, DeveloperInvoicing invoicing,
                               Tenants tenants, Sql sql) {
        this.documents = documents;
        this.creditNotes = creditNotes;
        this.payments = payments;
        this.invoicing = invoicing;
        this.tenants = tenants;
        this.sql = sql;
    }

    /** Newest first, at most 500; {@code applicationId} narrows to one application's. */
    @Get("/developer-invoices")
    @RequiresRole(Role.ADMIN)
    public List<BillingDocument> listDeveloperInvoices(Principal principal, @Nullable @QueryValue UUID applicationId) {
        return documents.issuedToDevelopers(principal.tenantId(), applicationId, LIST_LIMIT);
    }

    @Get("/developer-invoices/{invoiceId}")
    @RequiresRole(Role.ADMIN)
    public BillingDocument getDeveloperInvoice(Principal principal, UUID invoiceId) {
        return documents.requireIssuedToDeveloper(principal.tenantId(), invoiceId);
    }

    @Get("/developer-invoices/{invoiceId}/pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON, "application/problem+json"})
    @RequiresRole(Role.ADMIN)
    @Transactional(readOnly = true)
    public HttpResponse<byte[]> getDeveloperInvoicePdf(Principal principal, UUID invoiceId) {
        BillingDocument document = documents.requireIssuedToDeveloper(principal.tenantId(), invoiceId);
        String issuer = tenants.find(principal.tenantId()).map(Tenants.Tenant::name).orElse("");
        String recipient = sql.one("SELECT email FROM developer WHERE tenant_id = ? AND id = ?", row -> row.getString(1),
                principal.tenantId(), document.developerId()).orElse("");
        return InvoiceDownloads.file(InvoicePdf.render(document, issuer, recipient), "application/pdf", document.number() + ".pdf");
    }

    @Get("/developer-invoices/{invoiceId}/csv")
    @Produces({"text/csv", MediaType.APPLICATION_JSON, "application/problem+json"})
    @RequiresRole(Role.ADMIN)
    public HttpResponse<byte[]> getDeveloperInvoiceCsv(Principal principal, UUID invoiceId) {
        BillingDocument document = documents.requireIssuedToDeveloper(principal.tenantId(), invoiceId);
        return InvoiceDownloads.file(InvoiceCsv.render(document).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", document.number() + ".csv");
    }

    /** The developer paid (bank transfer, or a payment provider of the tenant's own): the only change an issued invoice takes. */
    @Post("/developer-invoices/{invoiceId}/payments")
    @RequiresRole(Role.ADMIN)
    public Payments.Receipt recordDeveloperPayment(Principal principal, UUID invoiceId, @Body ManualPayment body) {
        return payments.byTenant(principal, invoiceId, body.reference(), Instant.now());
    }

    /** A correction: an issued invoice never changes; the credit never exceeds what is left to credit on it. */
    @Post("/developer-invoices/{invoiceId}/credit-notes")
    @RequiresRole(Role.ADMIN)
    public HttpResponse<BillingDocument> issueDeveloperCreditNote(Principal principal, UUID invoiceId, @Body CreditNoteRequest body) {
        return HttpResponse.created(creditNotes.issueToDeveloper(principal, invoiceId, body.amount(), body.reason(), Instant.now()));
    }

    @Get("/developer-invoicing")
    @RequiresRole(Role.VIEWER)
    public DeveloperInvoicing.Settings getDeveloperInvoicing(Principal principal) {
        return invoicing.settings(principal.tenantId());
    }

    /** From the next invoice closed; issued ones keep the rate they were issued with. */
    @Put("/developer-invoicing")
    @RequiresRole(Role.ADMIN)
    public DeveloperInvoicing.Settings updateDeveloperInvoicing(Principal principal, @Body DeveloperInvoicing.Settings body) {
        return invoicing.update(principal, body);
    }
}
