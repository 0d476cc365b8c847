package dev.bulwark.controlplane.billing.monetization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 5: a tenant prices a consumer plan (versions, validated by the pricing library),
 * a developer's application uses it; its month is closed once by two concurrent closers, each
 * segment priced by the version in force; the developer, and only they, see the invoice (JSON,
 * PDF, CSV) and their running charges; the tenant sees the revenue per API and plan.
 */
@MicronautTest(transactional = false)
class ApiMonetizationTest extends BillingTestBase {
    @Inject DeveloperInvoiceCloser closer;
    @Inject DocumentChain chain;

    @Test
    void pricesAreVersionedAndValidatedAndTheirOwnTenantsOnly() throws Exception {
        PortalFixture.Tenant tenant = new PortalFixture(http).tenant();
        String prices = "/api/v1/plans/" + tenant.freePlanId() + "/prices";
        Reply gap = http.post(prices, Map.of("currency", "EUR", "monthlyFee", 5, "tiers", List.of(
                Map.of("upTo", 1000, "unitPrice", new BigDecimal("0.01")), Map.of("upTo", 500, "unitPrice", new BigDecimal("0.005")),
                tier(null, "0.001"))), tenant.owner().token());
        assertThat(gap.status()).isEqualTo(400);
        assertThat(gap.body().path("errors").findValuesAsText("path")).as(String.valueOf(gap.body())).containsExactly("tiers[1].upTo");
        Reply past = http.post(prices, Map.of("currency", "EUR", "monthlyFee", 5, "effectiveFrom", "2020-01-01T00:00:00Z"),
                tenant.owner().token());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().path("errors").get(0).path("path").asText()).isEqualTo("effectiveFrom");
        assertThat(http.post(prices, Map.of("currency", "XYZ", "monthlyFee", 5), tenant.owner().token()).body()
                .path("errors").get(0).path("path").asText()).isEqualTo("currency");

        Reply created = http.post(prices, Map.of("currency", "EUR", "monthlyFee", 5, "includedRequests", 1000,
                "tiers", List.of(tier(null, "0.001"))), tenant.owner().token());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        Reply otherCurrency = http.post(prices, Map.of("currency", "USD", "monthlyFee", 5,
                "effectiveFrom", Instant.now().plusSeconds(86_400).toString()), tenant.owner().token());
        assertThat(otherCurrency.body().path("errors").get(0).path("path").asText()).isEqualTo("currency");
        assertThat(http.get(prices, tenant.owner().token()).body()).hasSize(1);
        assertThatThrownBy(() -> execute("UPDATE plan_price SET monthly_fee = 1 WHERE plan_id = ?", UUID.fromString(tenant.freePlanId())))
                .hasMessageContaining("versioned");

        Api.Session stranger = http.signUp(Api.unique("stranger"));
        assertThat(http.get(prices, stranger.token()).status()).isEqualTo(404);
        assertThat(http.post(prices, Map.of("currency", "EUR", "monthlyFee", 1), stranger.token()).status()).isEqualTo(404);
    }

    @Test
    void aMonthIsInvoicedOnceAtThePricesInForceAndOnlyItsDeveloperSeesIt() throws Exception {
        PortalFixture fixture = new PortalFixture(http);
        PortalFixture.Tenant tenant = fixture.tenant();
        PortalFixture.Dev dev = fixture.developer(tenant);
        PortalFixture.Dev colleague = fixture.developer(tenant);
        String appId = fixture.application(tenant, dev, "Shop");
        PortalFixture.ok(http.post(tenant.base() + "/applications/" + appId + "/subscriptions", Map.of("planId", tenant.freePlanId()),
                dev.token()));
        UUID tenantId = tenant.owner().tenantId();
        UUID planId = UUID.fromString(tenant.freePlanId());

        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant repriced = month.atDay(16).atStartOfDay(ZoneOffset.UTC).toInstant();
        // The history as it happened: subscribed before the month, 10/month with graduated tiers, repriced on the 16th to 20/month per request.
        execute("UPDATE subscription SET created_at = ?, decided_at = ? WHERE application_id = ?", at(start.minusSeconds(5 * 86_400)),
                at(start.minusSeconds(5 * 86_400)), UUID.fromString(appId));
        price(tenantId, planId, start.minusSeconds(10 * 86_400), "10", 1000, "[{\"upTo\": 9000, \"unitPrice\": \"0.001\"}, {\"upTo\": null, \"unitPrice\": \"0.0005\"}]");
        price(tenantId, planId, repriced, "20", 1000, "[{\"upTo\": null, \"unitPrice\": \"0.002\"}]");
        usage(tenantId, tenant.apiId(), appId, start.plusSeconds(2 * 86_400), 3_000);
        usage(tenantId, tenant.apiId(), appId, repriced.plusSeconds(4 * 86_400), 5_000);
        usage(tenantId, tenant.otherApiId(), appId, repriced.plusSeconds(4 * 86_400), 7_000); // no subscription: not billed
        usage(tenantId, tenant.apiId(), UUID.randomUUID().toString(), repriced.plusSeconds(4 * 86_400), 9_000); // another app
        usage(tenantId, tenant.apiId(), appId, end, 4_000); // the next month

        assertThat(closer.billableApplications(new TenantId(tenantId), month)).containsExactly(UUID.fromString(appId));
        List<DeveloperInvoiceCloser.Outcome> outcomes = race(() -> closer.close(new TenantId(tenantId), UUID.fromString(appId), month,
                Instant.now()));
        assertThat(outcomes).filteredOn(DeveloperInvoiceCloser.Outcome::issuedNow).hasSize(1);
        assertThat(count("SELECT count(*) FROM billing_document WHERE tenant_id = ? AND kind = 'developer_invoice'", tenantId)).isEqualTo(1);
        BillingDocument invoice = outcomes.stream().filter(DeveloperInvoiceCloser.Outcome::issuedNow).findFirst().orElseThrow()
                .invoices().getFirst();

        long period = end.getEpochSecond() - start.getEpochSecond();
        long first = repriced.getEpochSecond() - start.getEpochSecond();
        long second = period - first;
        BigDecimal fee1 = prorate("10", first, period);
        BigDecimal fee2 = prorate("20", second, period);
        long allowance1 = units(1000, first, period);
        long allowance2 = units(1000, second, period);
        BigDecimal overage1 = new BigDecimal("0.001").multiply(BigDecimal.valueOf(3_000 - allowance1)).setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal overage2 = new BigDecimal("0.002").multiply(BigDecimal.valueOf(5_000 - allowance2)).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(invoice.number()).isEqualTo("API-000001");
        assertThat(invoice.developerId()).isEqualTo(UUID.fromString(dev.id()));
        assertThat(invoice.lines()).extracting(BillingDocument.Line::kind, BillingDocument.Line::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fee", fee1.toPlainString()), org.assertj.core.groups.Tuple.tuple("usage", overage1.toPlainString()),
                org.assertj.core.groups.Tuple.tuple("fee", fee2.toPlainString()), org.assertj.core.groups.Tuple.tuple("usage", overage2.toPlainString()));
        assertThat(invoice.lines().getFirst().description()).startsWith("Plan Pets / Free fee").contains("prorated");
        assertThat(invoice.total()).isEqualByComparingTo(fee1.add(fee2).add(overage1).add(overage2));
        assertThat(chain.verifyInTransaction()).isEmpty();
        assertThatThrownBy(() -> execute("UPDATE billing_document SET total = 0 WHERE id = ?", invoice.id())).hasMessageContaining("immutable");

        // The developer's own: JSON, PDF and CSV; a colleague, the tenant's console and another tenant see nothing.
        String invoices = tenant.base() + "/invoices";
        assertThat(http.get(invoices, dev.token()).body().get(0).path("number").asText()).isEqualTo("API-000001");
        byte[] pdf = client.toBlocking().retrieve(Api.auth(HttpRequest.GET(invoices + "/" + invoice.id() + "/pdf"), dev.token())
                .accept("application/pdf"), byte[].class);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Invoice API-000001").contains("billed to " + dev.email())
                    .contains("Pets / Free").contains("EUR " + invoice.total().toPlainString());
        }
        String csv = client.toBlocking().retrieve(Api.auth(HttpRequest.GET(invoices + "/" + invoice.id() + "/csv"), dev.token()).accept("text/csv"));
        assertThat(csv).contains("API-000001").contains(invoice.total().toPlainString());
        assertThat(http.get(invoices, colleague.token()).body()).isEmpty();
        for (String suffix : List.of("", "/pdf", "/csv")) {
            assertThat(http.get(invoices + "/" + invoice.id() + suffix, colleague.token()).status()).as(suffix).isEqualTo(404);
        }
        assertThat(http.get("/api/v1/billing/invoices", tenant.owner().token()).body()).isEmpty();
        assertThat(http.get("/api/v1/billing/invoices/" + invoice.id(), tenant.owner().token()).status()).isEqualTo(404);

        // The tenant's revenue per API and plan.
        Reply revenue = http.get("/api/v1/billing/revenue?from=" + month + "&to=" + month, tenant.owner().token());
        assertThat(revenue.status()).as(String.valueOf(revenue.body())).isEqualTo(200);
        assertThat(revenue.body()).hasSize(1);
        assertThat(revenue.body().get(0).path("apiName").asText()).isEqualTo("Pets");
        assertThat(revenue.body().get(0).path("planName").asText()).isEqualTo("Free");
        assertThat(new BigDecimal(revenue.body().get(0).path("amount").asText())).isEqualByComparingTo(invoice.total());
        assertThat(http.get("/api/v1/billing/revenue?from=" + month + "&to=" + month, http.signUp(Api.unique("other")).token()).body())
                .isEmpty();
        assertThat(http.get("/api/v1/billing/revenue?from=nope", tenant.owner().token()).body().path("errors").get(0).path("path").asText())
                .isEqualTo("from");

        // The running month: the price in force now (the second version), usage so far.
        usage(tenantId, tenant.apiId(), appId, Instant.now().minusSeconds(60), 2_500);
        Reply charges = http.get(tenant.base() + "/applications/" + appId + "/charges", dev.token());
        assertThat(charges.status()).as(String.valueOf(charges.body())).isEqualTo(200);
        assertThat(charges.body().path("periodLabel").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(charges.body().path("bills").get(0).path("currency").asText()).isEqualTo("EUR");
        assertThat(charges.body().path("bills").get(0).path("lines").get(0).path("amount").asText()).isEqualTo("20.00");
        assertThat(charges.body().path("bills").get(0).path("usage").get(0).path("used").asLong()).isEqualTo(2_500);
        assertThat(http.get(tenant.base() + "/applications/" + appId + "/charges", colleague.token()).status()).isEqualTo(404);
    }

    private static Map<String, Object> tier(Long upTo, String unitPrice) {
        Map<String, Object> tier = new HashMap<>();
        tier.put("upTo", upTo);
        tier.put("unitPrice", new BigDecimal(unitPrice));
        return tier;
    }

    private static BigDecimal prorate(String amount, long seconds, long period) {
        return new BigDecimal(amount).multiply(BigDecimal.valueOf(seconds)).divide(BigDecimal.valueOf(period), 2, RoundingMode.HALF_EVEN);
    }

    private static long units(long included, long seconds, long period) {
        return BigDecimal.valueOf(included * seconds).divide(BigDecimal.valueOf(period), 0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static <T> List<T> race(Callable<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<T> gated = () -> {
                go.await();
                return task.call();
            };
            List<Future<T>> futures = List.of(pool.submit(gated), pool.submit(gated));
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
