package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.controlplane.billing.invoice.InvoiceCloser;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the last month of every billable application on every replica, next to the tenant
 * invoices' schedule and under the same switch ({@code bulwark.billing.closing-enabled}); the
 * closer makes the repetition harmless.
 */
@Singleton
@Requires(property = "bulwark.billing.closing-enabled", notEquals = "false")
class DeveloperInvoiceSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(DeveloperInvoiceSchedule.class);

    private final InvoiceCloser tenantCloser;
    private final DeveloperInvoiceCloser closer;

    DeveloperInvoiceSchedule(InvoiceCloser tenantCloser, DeveloperInvoiceCloser closer) {
        this.tenantCloser = tenantCloser;
        this.closer = closer;
    }

    @Scheduled(fixedDelay = "${bulwark.billing.close-interval:15m}", initialDelay = "2m")
    void closeDue() {
        Instant now = Instant.now();
        int issued = 0;
        for (TenantId tenant : closer.tenantsWithPrices()) {
            YearMonth month = tenantCloser.lastMonth(tenant, now);
            for (UUID application : closer.billableApplications(tenant, month)) {
                try {
                    if (closer.close(tenant, application, month, now).issuedNow()) {
                        issued++;
                    }
                } catch (RuntimeException e) {
                    LOG.error("closing the billing month of application {} (tenant {}) failed; retried at the next run", application, tenant, e);
                }
            }
        }
        if (issued > 0) {
            LOG.info("issued {} developer invoices", issued);
        }
    }
}
