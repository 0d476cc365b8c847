package dev.bulwark.controlplane.billing.monetization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.billing.BillingTestBase;
import dev.bulwark.controlplane.billing.invoice.BillingDocument;
import dev.bulwark.controlplane.billing.invoice.DocumentChain;
import dev.bulwark.controlplane.devportal.PortalFixture;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Developer invoices have what Bulwark's own invoices have: the seller's tax (the tenant's rate,
 * applied from the next invoice), credit notes in the tenant's own series that never exceed the
 * invoice, and payments recorded by the tenant, once. The tenant lists and downloads them; the
 * developer sees their credit notes next to their invoices; nobody else sees either.
 */
@MicronautTest(transactional = false)
class DeveloperInvoiceCorrectionsTest extends BillingTestBase {
    @Inject DeveloperInvoiceCloser closer;
    @Inject DocumentChain chain;

    @Test
    void taxCreditNotesAndPaymentsOfDeveloperInvoices() throws Exception {
        PortalFixture fixture = new PortalFixture(http);
        PortalFixture.Tenant tenant = fixture.tenant();
        PortalFixture.Dev dev = fixture.developer(tenant);
        String appId = fixture.application(tenant, dev, "Shop");
        PortalFixture.ok(http.post(tenant.base() + "/applications/" + appId + "/subscriptions", Map.of("planId", tenant.freePlanId()),
                dev.token()));
        UUID tenantId = tenant.owner().tenantId();
        String owner = tenant.owner().token();

        // The seller's tax rate: validated, then applied when the month is closed.
        assertThat(http.get("/api/v1/billing/developer-invoicing", owner).body().path("taxRate").decimalValue()).isEqualByComparingTo("0");
        for (Object wrong : new Object[] {100, -1, "20.00001", "twenty"}) {
            Reply refused = put("/api/v1/billing/developer-invoicing", Map.of("taxRate", wrong), owner);
            assertThat(refused.status()).as("taxRate %s", wrong).isEqualTo(400);
            assertThat(refused.body().path("errors").get(0).path("path").asText()).isEqualTo("taxRate");
        }
        assertThat(put("/api/v1/billing/developer-invoicing", Map.of("taxRate", new BigDecimal("20")), owner).status()).isEqualTo(200);

        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        execute("UPDATE subscription SET created_at = ?, decided_at = ? WHERE application_id = ?", at(start.minusSeconds(86_400)),
                at(start.minusSeconds(86_400)), UUID.fromString(appId));
        price(tenantId, UUID.fromString(tenant.freePlanId()), start.minusSeconds(10 * 86_400), "50", 0, "[]");
        BillingDocument invoice = closer.close(new TenantId(tenantId), UUID.fromString(appId), month, Instant.now()).invoices().getFirst();
        assertThat(invoice.subtotal()).isEqualByComparingTo("50.00");
        assertThat(invoice.taxRate()).isEqualByComparingTo("20");
        assertThat(invoice.tax()).isEqualByComparingTo("10.00");
        assertThat(invoice.total()).isEqualByComparingTo("60.00");

        // The tenant's list and downloads; another tenant and Bulwark's own invoice routes see nothing.
        Reply listed = http.get("/api/v1/billing/developer-invoices?applicationId=" + appId, owner);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).hasSize(1);
        assertThat(listed.body().get(0).path("number").asText()).isEqualTo("API-000001");
        Api.Session stranger = http.signUp(Api.unique("stranger"));
        assertThat(http.get("/api/v1/billing/developer-invoices", stranger.token()).body()).isEmpty();
        assertThat(http.get("/api/v1/billing/developer-invoices/" + invoice.id(), stranger.token()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/billing/invoices/" + invoice.id(), owner).status()).isEqualTo(404);

        // A credit note: partial, in the tenant's own series, taxed at the invoice's rate, addressed to the developer.
        Reply credited = http.post("/api/v1/billing/developer-invoices/" + invoice.id() + "/credit-notes",
                Map.of("amount", new BigDecimal("15.00"), "reason", "two days of downtime"), owner);
        assertThat(credited.status()).as(String.valueOf(credited.body())).isEqualTo(201);
        assertThat(credited.body().path("number").asText()).isEqualTo("API-CN-000001");
        assertThat(credited.body().path("kind").asText()).isEqualTo(BillingDocument.DEVELOPER_CREDIT_NOTE);
        assertThat(credited.body().path("total").decimalValue()).isEqualByComparingTo("-18.00");
        assertThat(credited.body().path("developerId").asText()).isEqualTo(dev.id());
        Reply tooMuch = http.post("/api/v1/billing/developer-invoices/" + invoice.id() + "/credit-notes",
                Map.of("amount", new BigDecimal("35.01"), "reason", "more"), owner);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body().path("errors").get(0).path("path").asText()).isEqualTo("amount");
        assertThat(tooMuch.body().toString()).contains("35.00");
        assertThat(http.post("/api/v1/billing/developer-invoices/" + credited.body().path("id").asText() + "/credit-notes",
                Map.of("amount", new BigDecimal("1.00"), "reason", "a credit of a credit"), owner).status()).isEqualTo(404);
        assertThat(http.post("/api/v1/billing/developer-invoices/" + invoice.id() + "/credit-notes",
                Map.of("amount", new BigDecimal("1.00"), "reason", "not mine"), stranger.token()).status()).isEqualTo(404);
        byte[] pdf = client.toBlocking().retrieve(Api.auth(HttpRequest.GET("/api/v1/billing/developer-invoices/"
                + credited.body().path("id").asText() + "/pdf"), owner).accept("application/pdf"), byte[].class);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Credit note API-CN-000001").contains("billed to " + dev.email())
                    .contains("Credit on API-000001: two days of downtime");
        }

        // Payment recorded by the tenant, once.
        Reply paid = http.post("/api/v1/billing/developer-invoices/" + invoice.id() + "/payments", Map.of("reference", "SEPA 2211"), owner);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.body().path("duplicate").asBoolean()).isFalse();
        assertThat(http.post("/api/v1/billing/developer-invoices/" + invoice.id() + "/payments", Map.of("reference", "SEPA 2211"), owner)
                .body().path("duplicate").asBoolean()).isTrue();
        assertThat(http.post("/api/v1/billing/developer-invoices/" + invoice.id() + "/payments", Map.of("reference", " "), stranger.token())
                .status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM audit_event WHERE tenant_id = ? AND action = 'billing.developer-invoice.paid'", tenantId))
                .isEqualTo(1);

        // The developer sees the paid invoice and its credit note; the revenue is net of the credit.
        Reply own = http.get(tenant.base() + "/invoices", dev.token());
        assertThat(own.body()).hasSize(2);
        assertThat(own.body().findValuesAsText("number")).containsExactlyInAnyOrder("API-000001", "API-CN-000001");
        assertThat(own.body().findValuesAsText("status")).contains("paid");
        Reply revenue = http.get("/api/v1/billing/revenue?from=" + month + "&to=" + month, owner);
        BigDecimal net = BigDecimal.ZERO;
        for (var row : revenue.body()) {
            net = net.add(row.path("amount").decimalValue());
        }
        assertThat(net).isEqualByComparingTo("35.00");
        assertThat(revenue.body().findValuesAsText("planName")).contains("Credit notes");
        assertThat(chain.verifyInTransaction()).isEmpty();

        // A rate changed later applies to the next invoice only: the issued one keeps its 20 %.
        assertThat(put("/api/v1/billing/developer-invoicing", Map.of("taxRate", new BigDecimal("7.5")), owner).body().path("taxRate")
                .decimalValue()).isEqualByComparingTo("7.5");
        assertThat(http.get("/api/v1/billing/developer-invoices/" + invoice.id(), owner).body().path("taxRate").decimalValue())
                .isEqualByComparingTo("20");
    }

    private Reply put(String path, Object body, String token) {
        return http.send(Api.auth(HttpRequest.PUT(path, body), token));
    }
}
