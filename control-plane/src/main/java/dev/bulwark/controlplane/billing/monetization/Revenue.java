package dev.bulwark.controlplane.billing.monetization;

import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The tenant's revenue from its developers: issued developer invoices, summed per month, API, plan and currency, less credit notes. */
@Singleton
public class Revenue {
    @Schema(name = "RevenueRow")
    /** A credit-notes row has no API ({@code apiId}, {@code apiName} null), plan name "Credit notes" and a negative amount. */
    public record Row(String month, @Nullable String apiId, @Nullable String apiName, String planId, @Nullable String planName, String currency,
                      BigDecimal amount, long invoices) {
    }

    private final Sql sql;

    Revenue(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public List<Row> between(TenantId tenant, String from, String to) {
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (last.isBefore(first)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        // Credit notes to developers come as their own row per month and currency (plan "Credit notes", no API), negative.
        return sql.list("SELECT d.period_label, d.currency, line->>'planId' AS plan_id, "
                        + "CASE WHEN d.kind = 'developer_credit_note' THEN 'Credit notes' ELSE p.name END AS plan_name, "
                        + "a.id AS api_id, a.name AS api_name, "
                        + "sum(CAST(line->>'amount' AS numeric)) AS amount, count(DISTINCT d.id) AS invoices "
                        + "FROM billing_document d CROSS JOIN LATERAL jsonb_array_elements(d.lines) AS line "
                        + "LEFT JOIN plan p ON p.tenant_id = d.tenant_id AND CAST(p.id AS text) = line->>'planId' "
                        + "LEFT JOIN api a ON a.tenant_id = p.tenant_id AND a.id = p.api_id "
                        + "WHERE d.tenant_id = ? AND d.kind IN ('developer_invoice', 'developer_credit_note') AND d.period_label BETWEEN ? AND ? "
                        + "GROUP BY d.period_label, d.currency, d.kind, line->>'planId', p.name, a.id, a.name "
                        + "ORDER BY d.period_label, d.kind, a.name, p.name",
                row -> new Row(row.getString("period_label"), row.getString("api_id"), row.getString("api_name"), row.getString("plan_id"),
                        row.getString("plan_name"), row.getString("currency"), row.getBigDecimal("amount").stripTrailingZeros(),
                        row.getLong("invoices")),
                tenant, first.toString(), last.toString());
    }

    private static YearMonth month(String field, String text) {
        try {
            return YearMonth.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a month such as 2026-11");
        }
    }
}
