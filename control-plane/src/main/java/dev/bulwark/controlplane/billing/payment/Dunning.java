package dev.bulwark.controlplane.billing.payment;

import dev.bulwark.controlplane.billing.TenantPlans;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpaid invoices, step by step: overdue (past its due date) → one reminder → after
 * {@code bulwark.billing.downgrade-after} more (default 14d) the tenant moves to the sign-up plan
 * (Free). Never deletion: the tenant keeps its APIs, members and data; Free's limits then stop it
 * adding more, and its gateway allowance applies. Each step is recorded on the invoice, so a
 * step runs once whichever replica runs it.
 */
@Singleton
public class Dunning {
    private static final Logger LOG = LoggerFactory.getLogger(Dunning.class);

    /** What one run did. */
    public record Run(int reminders, int downgrades) {
    }

    private final Sql sql;
    private final TenantPlans tenantPlans;
    private final Duration downgradeAfter;

    Dunning(Sql sql, TenantPlans tenantPlans, @Value("${bulwark.billing.downgrade-after:14d}") Duration downgradeAfter) {
        this.sql = sql;
        this.tenantPlans = tenantPlans;
        this.downgradeAfter = downgradeAfter;
    }

    @Transactional
    public Run run(Instant now) {
        // SKIP LOCKED: replicas running at once share the work instead of repeating it.
        var reminded = sql.list("UPDATE billing_document SET reminder_sent_at = ? WHERE id IN (SELECT id FROM billing_document "
                        + "WHERE kind = 'invoice' AND status = 'open' AND due_at < ? AND reminder_sent_at IS NULL FOR UPDATE SKIP LOCKED) "
                        + "RETURNING tenant_id, number",
                row -> row.getString("number") + " (tenant " + row.getObject("tenant_id") + ")", now, now);
        reminded.forEach(invoice -> LOG.info("payment reminder due for invoice {}", invoice));
        record Overdue(UUID id, TenantId tenant) {
        }
        var overdue = sql.list("SELECT id, tenant_id FROM billing_document WHERE kind = 'invoice' AND status = 'open' "
                        + "AND reminder_sent_at < ? AND downgraded_at IS NULL FOR UPDATE SKIP LOCKED",
                row -> new Overdue(row.getObject("id", UUID.class), new TenantId(row.getObject("tenant_id", UUID.class))),
                now.minus(downgradeAfter));
        for (Overdue invoice : overdue) {
            tenantPlans.assign(invoice.tenant(), tenantPlans.signupPlan(), TenantPlans.Reason.DUNNING, null, now);
            sql.update("UPDATE billing_document SET downgraded_at = ? WHERE id = ?", now, invoice.id());
            LOG.info("tenant {} moved to {}: invoice {} unpaid", invoice.tenant(), tenantPlans.signupPlan(), invoice.id());
        }
        return new Run(reminded.size(), overdue.size());
    }
}
