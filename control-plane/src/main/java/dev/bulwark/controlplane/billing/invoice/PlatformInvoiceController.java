package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.controlplane.kernel.PlatformAdmins;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The operator's side of invoices: close a month now (idempotent), credit notes, chain verification. */
@Controller("/api/v1/platform")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class PlatformInvoiceController {
    public record CloseRequest(String month) {
    }

    /** @param outcome {@code issued}, {@code already-issued} or {@code nothing-to-close} */
    public record CloseResult(String outcome, BillingDocument invoice, String detail) {
    }

    public record CreditNoteRequest(BigDecimal amount, String reason) {
    }

    public record ChainReport(boolean intact, List<String> brokenDocuments) {
    }

    private final InvoiceCloser closer;
    private final CreditNotes creditNotes;
    private final DocumentChain chain;
    private final PlatformAdmins admins;

    PlatformInvoiceController(InvoiceCloser closer, CreditNotes creditNotes, DocumentChain chain, PlatformAdmins admins) {
        this.closer = closer;
        this.creditNotes = creditNotes;
        this.chain = chain;
        this.admins = admins;
    }

    @Post("/tenants/{tenantId}/invoices")
    @RequiresRole(Role.VIEWER)
    public CloseResult closeMonth(Principal principal, UUID tenantId, @Body CloseRequest body) {
        admins.require(principal);
        YearMonth month;
        try {
            month = YearMonth.parse(body.month() == null ? "" : body.month());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("month", "must be a month, e.g. 2026-11");
        }
        return switch (closer.close(new TenantId(tenantId), month, Instant.now())) {
            case InvoiceCloser.Outcome.Issued issued -> new CloseResult("issued", issued.invoice(), null);
            case InvoiceCloser.Outcome.AlreadyIssued already -> new CloseResult("already-issued", already.invoice(), null);
            case InvoiceCloser.Outcome.NothingToClose nothing -> new CloseResult("nothing-to-close", null, nothing.why());
        };
    }

    @Post("/tenants/{tenantId}/invoices/{invoiceId}/credit-notes")
    @RequiresRole(Role.VIEWER)
    public HttpResponse<BillingDocument> issueCreditNote(Principal principal, UUID tenantId, UUID invoiceId, @Body CreditNoteRequest body) {
        admins.require(principal);
        return HttpResponse.created(creditNotes.issue(principal, new TenantId(tenantId), invoiceId, body.amount(), body.reason(),
                Instant.now()));
    }

    @Get("/billing-chain")
    @RequiresRole(Role.VIEWER)
    public ChainReport verifyBillingChain(Principal principal) {
        admins.require(principal);
        List<String> broken = chain.verifyInTransaction();
        return new ChainReport(broken.isEmpty(), broken);
    }
}
