package dev.bulwark.controlplane.billing.payment;

import dev.bulwark.controlplane.kernel.PlatformAdmins;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;

/** The manual / bank-transfer payment adapter: the operator records that an invoice was paid. */
@Controller("/api/v1/platform/tenants/{tenantId}/invoices/{invoiceId}/payments")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "billing")
public class PlatformPaymentController {
    public record ManualPayment(String reference) {
    }

    private final Payments payments;
    private final PlatformAdmins admins;

    PlatformPaymentController(Payments payments, PlatformAdmins admins) {
        this.payments = payments;
        this.admins = admins;
    }

    @Post
    @RequiresRole(Role.VIEWER)
    public Payments.Receipt recordManualPayment(Principal principal, UUID tenantId, UUID invoiceId, @Body ManualPayment body) {
        admins.require(principal);
        return payments.byOperator(principal, new TenantId(tenantId), invoiceId, body.reference(), Instant.now());
    }
}
