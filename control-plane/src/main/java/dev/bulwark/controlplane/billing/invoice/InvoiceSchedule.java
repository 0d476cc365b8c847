package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes every due month on every replica; {@link InvoiceCloser} makes that safe (one invoice per
 * tenant and period). Off with {@code bulwark.billing.closing-enabled=false} (env
 * {@code BULWARK_BILLING_CLOSING_ENABLED}).
 */
@Singleton
@Requires(property = "bulwark.billing.closing-enabled", notEquals = "false")
class InvoiceSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(InvoiceSchedule.class);

    private final InvoiceCloser closer;

    InvoiceSchedule(InvoiceCloser closer) {
        this.closer = closer;
    }

    @Scheduled(fixedDelay = "${bulwark.billing.close-interval:15m}", initialDelay = "1m")
    void closeDue() {
        Instant now = Instant.now();
        int issued = 0;
        // A month can only be due for tenants that had a plan at least a grace period and a day ago.
        for (TenantId tenant : closer.tenantsWithPlansBefore(now.minus(closer.grace()).minus(1, ChronoUnit.DAYS))) {
            try {
                if (closer.close(tenant, closer.lastMonth(tenant, now), now) instanceof InvoiceCloser.Outcome.Issued) {
                    issued++;
                }
            } catch (RuntimeException e) {
                LOG.error("closing the billing month of tenant {} failed; retried at the next run", tenant, e);
            }
        }
        if (issued > 0) {
            LOG.info("issued {} invoices", issued);
        }
    }
}
