package dev.bulwark.controlplane.billing.invoice;

import dev.bulwark.controlplane.isolation.IsolationSeeder;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

/** One issued invoice per tenant (invoiceId), for a month two months back: a plan row dated before it, then a close. */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class BillingIsolationSeeder implements IsolationSeeder {
    private final InvoiceCloser closer;

    BillingIsolationSeeder(InvoiceCloser closer) {
        this.closer = closer;
    }

    @Override
    public Map<String, String> seed(Tenant tenant) {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        try (Connection connection = tenant.database().connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) VALUES (?, 'team', ?, 'change')")) {
            insert.setObject(1, tenant.owner().tenantId());
            insert.setObject(2, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        InvoiceCloser.Outcome outcome = closer.close(new TenantId(tenant.owner().tenantId()), month, Instant.now());
        if (!(outcome instanceof InvoiceCloser.Outcome.Issued issued)) {
            throw new IllegalStateException("cannot seed an invoice: " + outcome);
        }
        return Map.of("invoiceId", issued.invoice().id().toString());
    }

    @Override
    public Map<String, String> sharedValues() {
        return Map.of("provider", "signed");
    }

    @Override
    public Map<String, String> bodies() {
        return Map.of("POST /api/v1/platform/tenants/{tenantId}/invoices", "{\"month\": \"2020-01\"}",
                "POST /api/v1/platform/tenants/{tenantId}/invoices/{invoiceId}/credit-notes", "{\"amount\": 1, \"reason\": \"x\"}",
                "PUT /api/v1/platform/tenants/{tenantId}/billing-plan", "{\"planId\": \"business\"}",
                "PUT /api/v1/billing/plan", "{\"planId\": \"team\"}",
                "POST /api/v1/platform/tenants/{tenantId}/invoices/{invoiceId}/payments", "{\"reference\": \"BANK-1\"}",
                "PUT /api/v1/platform/billing-plans/{planId}", "{\"name\": \"Taken\", \"currency\": \"EUR\", \"monthlyFee\": 1, "
                        + "\"includedRequests\": 1, \"requestOverage\": \"throttle\", \"retentionDays\": 1, \"selfService\": false, \"position\": 9}");
    }
}
