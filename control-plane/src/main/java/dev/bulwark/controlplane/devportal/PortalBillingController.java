package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.billing.invoice.BillingDocument;
import dev.bulwark.controlplane.billing.invoice.BillingDocuments;
import dev.bulwark.controlplane.billing.invoice.InvoiceCsv;
import dev.bulwark.controlplane.billing.invoice.InvoiceDownloads;
import dev.bulwark.controlplane.billing.invoice.InvoicePdf;
import dev.bulwark.controlplane.billing.monetization.DeveloperInvoiceCloser;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A developer's charges and invoices in the developer portal: the running month of one of their
 * applications, and the invoices the tenant issued them. Another developer's are 404.
 */
@Controller("/api/devportal/v1/tenants/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
@DeveloperEndpoint
@Tag(name = "developer portal")
@SecurityRequirement(name = PortalSessionController.DEVELOPER_BEARER)
@SecurityRequirement(name = PortalSessionController.DEVELOPER_COOKIE)
public class PortalBillingController {
    private final DeveloperApps apps;
    private final DeveloperInvoiceCloser closer;
    private final BillingDocuments documents;
    private final Tenants tenants;

    PortalBillingController(DeveloperApps apps, DeveloperInvoiceCloser closer, BillingDocuments documents,
                            Tenants tenants) {
        this.apps = apps;
        this.closer = closer;
        this.documents = documents;
        this.tenants = tenants;
    }

    @Get("/applications/{appId}/charges")
    public DeveloperInvoiceCloser.Charges ownCharges(String slug, String appId, DeveloperCaller caller) {
        Application app = apps.own(caller, appId);
        return closer.charges(caller.tenantId(), app.id(), Instant.now());
    }

    @Get("/invoices")
    public List<BillingDocument> ownInvoices(String slug, DeveloperCaller caller) {
        return documents.ofDeveloper(caller.tenantId(), caller.developerId());
    }

    @Get("/invoices/{invoiceId}")
    public BillingDocument ownInvoice(String slug, String invoiceId, DeveloperCaller caller) {
        return documents.requireOfDeveloper(caller.tenantId(), caller.developerId(), Ids.parse(invoiceId, "Invoice"));
    }

    @Get("/invoices/{invoiceId}/pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON, "application/problem+json"})
    public HttpResponse<byte[]> ownInvoicePdf(String slug, String invoiceId, DeveloperCaller caller) {
        BillingDocument invoice = documents.requireOfDeveloper(caller.tenantId(), caller.developerId(), Ids.parse(invoiceId, "Invoice"));
        String issuer = tenants.find(caller.tenantId()).map(Tenants.Tenant::name).orElse(caller.tenantSlug());
        return InvoiceDownloads.file(InvoicePdf.render(invoice, issuer, caller.email()), "application/pdf", invoice.number() + ".pdf");
    }

    @Get("/invoices/{invoiceId}/csv")
    @Produces({"text/csv", MediaType.APPLICATION_JSON, "application/problem+json"})
    public HttpResponse<byte[]> ownInvoiceCsv(String slug, String invoiceId, DeveloperCaller caller) {
        BillingDocument invoice = documents.requireOfDeveloper(caller.tenantId(), caller.developerId(), Ids.parse(invoiceId, "Invoice"));
        return InvoiceDownloads.file(InvoiceCsv.render(invoice).getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", invoice.number() + ".csv");
    }
}
