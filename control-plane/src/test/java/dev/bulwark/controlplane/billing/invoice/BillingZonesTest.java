package dev.bulwark.controlplane.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.billing.BillingTestBase;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Billing months in four zones, each with a day that is not 24 hours long (or a half-hour offset):
 * the month runs from midnight to midnight in the zone, lasts what the clocks say, a Free to Team
 * upgrade at local midnight on the 16th is prorated by the seconds actually elapsed, and usage at the
 * zone's midnight ending the month belongs to the next one. Fixed months in the past, closed
 * against the real clock.
 */
@MicronautTest(transactional = false)
class BillingZonesTest extends BillingTestBase {
    @Inject InvoiceCloser closer;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "Europe/Berlin,    2026-03, 743", // clocks go forward on 29 March
            "America/New_York, 2026-03, 743", // forward on 8 March
            "Pacific/Auckland, 2026-04, 721", // back on 5 April
            "Asia/Kolkata,     2026-03, 744"  // no DST, +05:30
    })
    void aMonthIsMidnightToMidnightInTheZoneAndProratedByElapsedSeconds(String zoneId, String monthText, long hours) throws Exception {
        ZoneId zone = ZoneId.of(zoneId);
        YearMonth month = YearMonth.parse(monthText);
        Api.Session owner = http.signUp(Api.unique("zoned"));
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant upgrade = month.atDay(16).atStartOfDay(zone).toInstant();
        execute("UPDATE tenant_billing SET time_zone = ? WHERE tenant_id = ?", zoneId, owner.tenantId());
        execute("INSERT INTO tenant_plan_change (tenant_id, plan_id, effective_at, reason) VALUES (?, 'free', ?, 'signup'), "
                + "(?, 'team', ?, 'change')", owner.tenantId(), at(start.minusSeconds(86_400)), owner.tenantId(), at(upgrade));
        usage(owner.tenantId(), end.minus(Duration.ofHours(1)), 1_000_000); // the month's last hour
        usage(owner.tenantId(), end, 7); // the zone's midnight that ends the month (in the hour starting then)

        InvoiceCloser.Outcome outcome = closer.close(new TenantId(owner.tenantId()), month, Instant.now());
        assertThat(outcome).isInstanceOf(InvoiceCloser.Outcome.Issued.class);
        BillingDocument invoice = ((InvoiceCloser.Outcome.Issued) outcome).invoice();
        assertThat(invoice.periodStart()).isEqualTo(start);
        assertThat(invoice.periodEnd()).isEqualTo(end);
        assertThat(Duration.between(start, end).toHours()).isEqualTo(hours);
        long period = end.getEpochSecond() - start.getEpochSecond();
        long team = end.getEpochSecond() - upgrade.getEpochSecond();
        assertThat(invoice.lines()).filteredOn(line -> line.kind().equals("fee")).extracting(BillingDocument.Line::amount)
                .containsExactly(new BigDecimal(49L * team).divide(BigDecimal.valueOf(period), 2, RoundingMode.HALF_EVEN).toPlainString());
        // Hourly rollups: a zone with a half-hour offset has its boundary hour cut by the hour's UTC start (docs/billing.md).
        long expected = zone.getRules().getOffset(end).getTotalSeconds() % 3600 == 0 ? 1_000_000 : 1_000_007;
        assertThat(invoice.usage()).filteredOn(u -> u.planId().equals("team")).extracting(BillingDocument.Usage::used)
                .containsExactly(expected);
    }
}
