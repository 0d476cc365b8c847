package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's invoices and credit notes from Bulwark: JSON, PDF and CSV. Another tenant's are 404.
 * The downloads also list JSON as produced so that a client asking for JSON gets its error as problem+json.
 */
@Controller("/api/v1/billing/invoices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class InvoiceController {
    private final BillingDocuments documents;
    private final Tenants tenants;

    InvoiceController(BillingDocuments documents, Tenants tenants) {
        this.documents = documents;
        this.tenants = tenants;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public List<BillingDocument> listInvoices(Principal principal) {
        return documents.list(principal.tenantId());
    }

    @Get("/{invoiceId}")
    @RequiresRole(Role.VIEWER)
    public BillingDocument getInvoice(Principal principal, UUID invoiceId) {
        return documents.require(principal.tenantId(), invoiceId);
    }

    @Get("/{invoiceId}/pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON, "application/problem+json"})
    @RequiresRole(Role.VIEWER)
    public HttpResponse<byte[]> getInvoicePdf(Principal principal, UUID invoiceId) {
        BillingDocument document = documents.require(principal.tenantId(), invoiceId);
        String tenantName = tenants.find(principal.tenantId()).map(Tenants.Tenant::name).orElse("");
        return InvoiceDownloads.file(InvoicePdf.render(document, tenantName), "application/pdf", document.number() + ".pdf");
    }

    @Get("/{invoiceId}/csv")
    @Produces({"text/csv", MediaType.APPLICATION_JSON, "application/problem+json"})
    @RequiresRole(Role.VIEWER)
    public HttpResponse<byte[]> getInvoiceCsv(Principal principal, UUID invoiceId) {
        BillingDocument document = documents.require(principal.tenantId(), invoiceId);
        return InvoiceDownloads.file(InvoiceCsv.render(document).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", document.number() + ".csv");
    }
}
