package dev.bulwark.controlplane.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.Api.Reply;
import dev.bulwark.controlplane.billing.BillingTestBase;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * Issue 15, slices 2 and 3: a tenant on Free upgrades to Team in the middle of a month (in Paris);
 * two closers race on that month and one invoice is issued, with prorated lines, tax, a gapless
 * number, a hash chain, and PDF/CSV downloads. The month is derived from the real clock (two months
 * back: due whatever the day), because PostgreSQL and the closer compare it with now.
 */
@MicronautTest(transactional = false)
class InvoiceClosingTest extends BillingTestBase {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    @Inject InvoiceCloser closer;
    @Inject DocumentChain chain;
    @Test
    void twoConcurrentClosersIssueOneProratedInvoiceThatRendersAndNeverChanges() throws Exception {
        Api.Session owner = http.signUp(Api.unique("billed"));
        TenantId tenant = new TenantId(owner.tenantId());
        YearMonth month = YearMonth.now(PARIS).minusMonths(2);
        Instant start = month.atDay(1).atStartOfDay(PARIS).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(PARIS).toInstant();
        Instant upgrade = month.atDay(16).atStartOfDay(PARIS).toInstant();
        execute("UPDATE tenant_billing SET time_zone = 'Europe/Paris', tax_rate = 20 WHERE tenant_id = ?", owner.tenantId());
        execute("INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) VALUES (?, 'free', ?, 'signup'), "
                + "(?, 'team', ?, 'change')", owner.tenantId(), at(start.minusSeconds(86_400)), owner.tenantId(), at(upgrade));
        usage(owner.tenantId(), start.plusSeconds(3_600 * 30), 60_000);
        usage(owner.tenantId(), upgrade.plusSeconds(3_600 * 50), 900_000);
        usage(owner.tenantId(), end, 5_000); // the next month's first hour: not in this invoice

        // What the schedule closes (it runs outside any transaction, like this call).
        assertThat(closer.lastMonth(tenant, month.plusMonths(1).atDay(10).atStartOfDay(PARIS).toInstant())).isEqualTo(month);

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<InvoiceCloser.Outcome>> outcomes;
        try {
            Callable<InvoiceCloser.Outcome> close = () -> {
                go.await();
                return closer.close(tenant, month, Instant.now());
            };
            outcomes = List.of(pool.submit(close), pool.submit(close));
            go.countDown();
            assertThat(outcomes.get(0).get()).isNotNull();
        } finally {
            pool.shutdown();
        }
        List<InvoiceCloser.Outcome> results = List.of(outcomes.get(0).get(), outcomes.get(1).get());
        assertThat(results).filteredOn(o -> o instanceof InvoiceCloser.Outcome.Issued).hasSize(1);
        assertThat(results).filteredOn(o -> o instanceof InvoiceCloser.Outcome.AlreadyIssued).hasSize(1);
        assertThat(count("SELECT count(*) FROM billing_document WHERE tenant_id = ?", owner.tenantId())).isEqualTo(1);

        BillingDocument invoice = results.stream().filter(o -> o instanceof InvoiceCloser.Outcome.Issued)
                .map(o -> ((InvoiceCloser.Outcome.Issued) o).invoice()).findFirst().orElseThrow();
        assertThat(invoice.number()).matches("INV-\\d{6}");
        assertThat(invoice.periodStart()).isEqualTo(start);
        assertThat(invoice.periodEnd()).isEqualTo(end);
        long periodSeconds = end.getEpochSecond() - start.getEpochSecond();
        long teamSeconds = end.getEpochSecond() - upgrade.getEpochSecond();
        BigDecimal fee = new BigDecimal(49 * teamSeconds).divide(BigDecimal.valueOf(periodSeconds), 2, RoundingMode.HALF_EVEN);
        long teamAllowance = BigDecimal.valueOf(1_000_000L * teamSeconds).divide(BigDecimal.valueOf(periodSeconds), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
        BigDecimal overage = new BigDecimal("0.00002").multiply(BigDecimal.valueOf(900_000 - teamAllowance)).setScale(2, RoundingMode.HALF_EVEN);
        assertThat(invoice.lines()).extracting(BillingDocument.Line::kind, BillingDocument.Line::planId, BillingDocument.Line::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fee", "team", fee.toPlainString()),
                        org.assertj.core.groups.Tuple.tuple("usage", "team", overage.toPlainString()));
        assertThat(invoice.lines().get(0).description()).contains("prorated");
        assertThat(invoice.usage()).extracting(BillingDocument.Usage::planId, BillingDocument.Usage::used, BillingDocument.Usage::billed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("free", 60_000L, false),
                        org.assertj.core.groups.Tuple.tuple("team", 900_000L, true));
        BigDecimal subtotal = fee.add(overage);
        assertThat(invoice.subtotal()).isEqualByComparingTo(subtotal);
        assertThat(invoice.tax()).isEqualByComparingTo(subtotal.multiply(new BigDecimal("0.2")).setScale(2, RoundingMode.HALF_EVEN));
        assertThat(invoice.total()).isEqualByComparingTo(invoice.subtotal().add(invoice.tax()));

        // Late events after the close are metered once: closing again changes nothing.
        usage(owner.tenantId(), upgrade.plusSeconds(3_600 * 60), 1_000);
        InvoiceCloser.Outcome again = closer.close(tenant, month, Instant.now());
        assertThat(again).isInstanceOf(InvoiceCloser.Outcome.AlreadyIssued.class);
        assertThat(((InvoiceCloser.Outcome.AlreadyIssued) again).invoice().total()).isEqualByComparingTo(invoice.total());
        assertThat(closer.close(tenant, YearMonth.now(PARIS), Instant.now())).isInstanceOf(InvoiceCloser.Outcome.NothingToClose.class);

        // Downloads, and only for the tenant.
        var download = client.toBlocking().exchange(HttpRequest.GET("/api/v1/billing/invoices/" + invoice.id() + "/pdf")
                .bearerAuth(owner.token()).accept("application/pdf"), byte[].class);
        assertThat(download.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("application/pdf"));
        byte[] pdf = download.body();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Invoice " + invoice.number()).contains("prorated").contains("Total")
                    .contains("EUR " + invoice.total().toPlainString()).contains("Tax (20%)");
        }
        String csv = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/billing/invoices/" + invoice.id() + "/csv")
                .bearerAuth(owner.token()).accept("text/csv"));
        assertThat(csv).startsWith("number,kind,period").contains(invoice.number()).contains(invoice.total().toPlainString());
        Reply json = http.get("/api/v1/billing/invoices", owner.token());
        assertThat(json.body().get(0).path("number").asText()).isEqualTo(invoice.number());
        Api.Session stranger = http.signUp(Api.unique("stranger"));
        for (String suffix : List.of("", "/pdf", "/csv")) {
            assertThat(http.get("/api/v1/billing/invoices/" + invoice.id() + suffix, stranger.token()).status()).as(suffix).isEqualTo(404);
        }

        // Immutable once issued: corrections are credit notes, chained and numbered in their own series.
        assertThatThrownBy(() -> execute("UPDATE billing_document SET total = 0 WHERE id = ?", invoice.id()))
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> execute("DELETE FROM billing_document WHERE id = ?", invoice.id())).hasMessageContaining("never deleted");
        String creditPath = "/api/v1/platform/tenants/" + owner.tenantId() + "/invoices/" + invoice.id() + "/credit-notes";
        Reply tooMuch = http.post(creditPath, Map.of("amount", subtotal.add(BigDecimal.ONE), "reason", "outage"), operator.token());
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body().path("errors").get(0).path("path").asText()).isEqualTo("amount");
        Reply notOperator = http.post(creditPath, Map.of("amount", new BigDecimal("1.00"), "reason", "outage"), owner.token());
        assertThat(notOperator.status()).as(String.valueOf(notOperator.body())).isEqualTo(403);
        Reply credit = http.post(creditPath, Map.of("amount", new BigDecimal("1.00"), "reason", "outage on the 20th"), operator.token());
        assertThat(credit.status()).as(String.valueOf(credit.body())).isEqualTo(201);
        assertThat(credit.body().path("number").asText()).matches("CN-\\d{6}");
        assertThat(new BigDecimal(credit.body().path("total").asText())).isEqualByComparingTo("-1.20");
        assertThat(chain.verifyInTransaction()).isEmpty();
        assertThat(http.get("/api/v1/platform/billing-chain", operator.token()).body().path("intact").asBoolean()).isTrue();
        assertThat(count("SELECT max(CAST(substring(number FROM 5) AS bigint)) - count(*) FROM billing_document WHERE kind = 'invoice'"))
                .as("invoice numbers have no gap").isZero();
    }

    @Test
    void aMonthIsClosedWithThePlanPricesInForceDuringItNotTodays() throws Exception {
        String planId = Api.unique("metered").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        Map<String, Object> plan = new java.util.LinkedHashMap<>(Map.of("name", "Metered", "currency", "EUR", "monthlyFee", 30,
                "includedRequests", 1000, "requestOverage", "bill", "overageUnitPrice", new BigDecimal("0.001"), "retentionDays", 7,
                "selfService", false, "position", 50));
        plan.put("id", planId);
        assertThat(put("/api/v1/platform/billing-plans/" + planId, plan).status()).isEqualTo(200);
        Api.Session owner = http.signUp(Api.unique("repriced"));
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(3);
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant raised = month.atDay(16).atStartOfDay(ZoneOffset.UTC).toInstant();
        execute("INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) VALUES (?, ?, ?, 'operator')",
                owner.tenantId(), planId, at(start.minusSeconds(86_400)));
        // The price history: raised to 60 on the 16th of that month, then (today, by the operator) to 90.
        execute("INSERT INTO billing_plan_price VALUES (?, ?, 'EUR', 60, 1000, 'bill', 0.001)", planId, at(raised));
        plan.put("monthlyFee", 90);
        assertThat(put("/api/v1/platform/billing-plans/" + planId, plan).status()).isEqualTo(200);

        InvoiceCloser.Outcome outcome = closer.close(new TenantId(owner.tenantId()), month, Instant.now());
        assertThat(outcome).isInstanceOf(InvoiceCloser.Outcome.Issued.class);
        long period = end.getEpochSecond() - start.getEpochSecond();
        long before = raised.getEpochSecond() - start.getEpochSecond();
        assertThat(((InvoiceCloser.Outcome.Issued) outcome).invoice().lines()).filteredOn(line -> line.kind().equals("fee"))
                .extracting(BillingDocument.Line::amount).containsExactly(
                        new BigDecimal(30 * before).divide(BigDecimal.valueOf(period), 2, RoundingMode.HALF_EVEN).toPlainString(),
                        new BigDecimal(60 * (period - before)).divide(BigDecimal.valueOf(period), 2, RoundingMode.HALF_EVEN).toPlainString());
    }

    private Reply put(String path, Object body) {
        return http.send(Api.auth(HttpRequest.PUT(path, body).contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE), operator.token()));
    }
}
