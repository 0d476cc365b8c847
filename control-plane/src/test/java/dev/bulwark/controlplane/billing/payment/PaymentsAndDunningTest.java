package dev.bulwark.controlplane.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.billing.BillingTestBase;
import dev.bulwark.controlplane.billing.invoice.BillingDocument;
import dev.bulwark.controlplane.billing.invoice.BillingDocuments;
import dev.bulwark.controlplane.billing.invoice.InvoiceCloser;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, slice 4: a signed webhook marks an invoice paid once per idempotency key; the manual
 * adapter is the operator's; an unpaid invoice gets a reminder, then its tenant moves to Free,
 * keeping everything. Payment terms and the downgrade delay are zero here so that the real clock
 * makes invoices overdue at once.
 */
@MicronautTest(transactional = false)
class PaymentsAndDunningTest extends BillingTestBase {
    private static final String SECRET = "test-webhook-secret-0123456789abcdef";
    @Inject InvoiceCloser closer;
    @Inject BillingDocuments documents;
    @Inject Dunning dunning;
    @Inject ObjectMapper mapper;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("bulwark.billing.webhook-secret", SECRET);
        properties.put("bulwark.billing.payment-terms", "0s");
        properties.put("bulwark.billing.downgrade-after", "0s");
        return properties;
    }

    @Test
    void aSignedWebhookPaysAnInvoiceOnceAndABadSignatureChangesNothing() throws Exception {
        Api.Session owner = http.signUp(Api.unique("payer"));
        BillingDocument invoice = invoiceOnTeam(owner);
        byte[] event = mapper.writeValueAsBytes(Map.of("id", "evt_" + UUID.randomUUID(), "type", "payment.succeeded",
                "invoice", invoice.number(), "reference", "pay_1"));

        Reply forged = webhook(event, "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.key()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        Reply stale = webhook(event, signature(event, Instant.now().getEpochSecond() - 3_600));
        assertThat(stale.status()).as("a replay an hour later").isEqualTo(401);
        assertThat(status(owner, invoice)).isEqualTo("open");

        Reply paid = webhook(event, signature(event, Instant.now().getEpochSecond()));
        assertThat(paid.status()).as(String.valueOf(paid.body())).isEqualTo(200);
        assertThat(paid.body().path("status").asText()).isEqualTo("paid");
        assertThat(paid.body().path("duplicate").asBoolean()).isFalse();
        Reply again = webhook(event, signature(event, Instant.now().getEpochSecond()));
        assertThat(again.body().path("duplicate").asBoolean()).as("same idempotency key").isTrue();
        assertThat(status(owner, invoice)).isEqualTo("paid");
        assertThat(dunning.run(Instant.now()).reminders()).as("a paid invoice is never chased").isZero();
    }

    @Test
    void anUnpaidInvoiceGetsAReminderThenItsTenantMovesToFreeKeepingEverything() {
        Api.Session owner = http.signUp(Api.unique("late"));
        Reply api = http.post("/api/v1/apis", Map.of("name", "Orders", "openapi", dev.bulwark.controlplane.api.CatalogTestSupport.document("orders-3.1.yaml"),
                "basePath", "/" + Api.unique("o"), "upstreamUrls", java.util.List.of("https://203.0.113.60")), owner.token());
        assertThat(api.status()).isEqualTo(201);
        BillingDocument invoice = invoiceOnTeam(owner);
        assertThat(http.get("/api/v1/billing", owner.token()).body().path("plan").path("id").asText()).isEqualTo("team");

        Dunning.Run first = dunning.run(Instant.now());
        assertThat(first.reminders()).isGreaterThanOrEqualTo(1);
        Dunning.Run second = dunning.run(Instant.now().plusSeconds(1));
        assertThat(second.downgrades()).isGreaterThanOrEqualTo(1);
        assertThat(dunning.run(Instant.now().plusSeconds(2))).as("each step once").isEqualTo(new Dunning.Run(0, 0));

        assertThat(http.get("/api/v1/billing", owner.token()).body().path("plan").path("id").asText()).isEqualTo("free");
        assertThat(http.get("/api/v1/apis/" + api.body().path("id").asText(), owner.token()).status()).as("never deletion").isEqualTo(200);
        assertThat(status(owner, invoice)).as("the debt stays").isEqualTo("open");

        String payments = "/api/v1/platform/tenants/" + owner.tenantId() + "/invoices/" + invoice.id() + "/payments";
        assertThat(http.post(payments, Map.of("reference", "BANK-1"), owner.token()).status()).isEqualTo(403);
        assertThat(http.post(payments, Map.of("reference", ""), operator.token()).body().path("errors").get(0).path("path").asText())
                .isEqualTo("reference");
        Reply manual = http.post(payments, Map.of("reference", "BANK-1"), operator.token());
        assertThat(manual.status()).as(String.valueOf(manual.body())).isEqualTo(200);
        assertThat(status(owner, invoice)).isEqualTo("paid");
    }

    /** An issued Team invoice for the month two months back (a plan row dated before it, then a close). */
    private BillingDocument invoiceOnTeam(Api.Session owner) {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) VALUES (?, 'team', ?, 'change')")) {
            insert.setObject(1, owner.tenantId());
            insert.setObject(2, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Reply moved = http.send(Api.auth(HttpRequest.PUT("/api/v1/platform/tenants/" + owner.tenantId() + "/billing-plan",
                Map.of("planId", "team")).contentType(MediaType.APPLICATION_JSON_TYPE), operator.token()));
        assertThat(moved.status()).isEqualTo(200);
        InvoiceCloser.Outcome outcome = closer.close(new TenantId(owner.tenantId()), month, Instant.now());
        assertThat(outcome).isInstanceOf(InvoiceCloser.Outcome.Issued.class);
        return ((InvoiceCloser.Outcome.Issued) outcome).invoice();
    }

    private String status(Api.Session owner, BillingDocument invoice) {
        return documents.require(new TenantId(owner.tenantId()), invoice.id()).status();
    }

    private Reply webhook(byte[] body, String signature) {
        return http.send(HttpRequest.POST("/api/v1/billing/webhooks/signed", body).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Bulwark-Signature", signature));
    }

    private static String signature(byte[] body, long timestamp) {
        String v1 = new SignedWebhookProvider(SECRET, new ObjectMapper()).sign(timestamp, body);
        return "t=" + timestamp + ",v1=" + v1;
    }
}
