package dev.bulwark.controlplane.billing;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** The catalog of billing plans: read by everyone, written by the platform operator. */
@Singleton
public class BillingPlans {
    private static final String COLUMNS = "id, name, currency, monthly_fee, included_requests, request_overage, overage_unit_price, "
            + "max_apis, max_data_planes, max_members, max_scan_runs, retention_days, self_service, position";

    private final Sql sql;

    BillingPlans(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public List<BillingPlan> all() {
        return sql.list("SELECT " + COLUMNS + " FROM billing_plan ORDER BY position, id", BillingPlans::plan);
    }

    @Transactional(readOnly = true)
    public Optional<BillingPlan> find(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM billing_plan WHERE id = ?", BillingPlans::plan, id);
    }

    /** Creates or replaces a plan. Tenants on it keep it; the new limits apply from now on. */
    @Transactional
    public BillingPlan save(BillingPlan plan) {
        List<Violation> problems = violations(plan);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        sql.update("INSERT INTO billing_plan (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, currency = excluded.currency, "
                        + "monthly_fee = excluded.monthly_fee, included_requests = excluded.included_requests, "
                        + "request_overage = excluded.request_overage, overage_unit_price = excluded.overage_unit_price, "
                        + "max_apis = excluded.max_apis, max_data_planes = excluded.max_data_planes, max_members = excluded.max_members, "
                        + "max_scan_runs = excluded.max_scan_runs, retention_days = excluded.retention_days, "
                        + "self_service = excluded.self_service, position = excluded.position, "
                        + "version = billing_plan.version + 1, updated_at = now()",
                plan.id(), plan.name().strip(), plan.currency(), plan.monthlyFee(), plan.includedRequests(), plan.requestOverage(),
                plan.overageUnitPrice(), plan.maxApis(), plan.maxDataPlanes(), plan.maxMembers(), plan.maxScanRuns(),
                plan.retentionDays(), plan.selfService(), plan.position());
        return find(plan.id()).orElseThrow();
    }

    static List<Violation> violations(BillingPlan plan) {
        List<Violation> v = new ArrayList<>();
        if (plan.id() == null || !plan.id().matches("[a-z0-9][a-z0-9-]{0,62}")) {
            v.add(new Violation("id", "must be 1 to 63 lower-case letters, digits or dashes"));
        }
        if (plan.name() == null || plan.name().isBlank() || plan.name().length() > 100) {
            v.add(new Violation("name", "must be 1 to 100 characters"));
        }
        if (plan.currency() == null || !plan.currency().matches("[A-Z]{3}") || !knownCurrency(plan.currency())) {
            v.add(new Violation("currency", "must be an ISO 4217 code with a minor unit, e.g. EUR"));
        }
        if (plan.monthlyFee() == null || plan.monthlyFee().signum() < 0 || plan.monthlyFee().scale() > 4) {
            v.add(new Violation("monthlyFee", "must be 0 or more, with at most 4 decimals"));
        }
        if (plan.includedRequests() < 0) {
            v.add(new Violation("includedRequests", "must be 0 or more"));
        }
        if (!BillingPlan.THROTTLE.equals(plan.requestOverage()) && !BillingPlan.BILL.equals(plan.requestOverage())) {
            v.add(new Violation("requestOverage", "must be throttle or bill"));
        } else if (BillingPlan.BILL.equals(plan.requestOverage())
                && (plan.overageUnitPrice() == null || plan.overageUnitPrice().signum() < 0)) {
            v.add(new Violation("overageUnitPrice", "is required, 0 or more, when overage is billed"));
        }
        if (plan.overageUnitPrice() != null && plan.overageUnitPrice().scale() > 10) {
            v.add(new Violation("overageUnitPrice", "has more than 10 decimals"));
        }
        nonNegative(v, "maxApis", plan.maxApis(), 0);
        nonNegative(v, "maxDataPlanes", plan.maxDataPlanes(), 0);
        nonNegative(v, "maxMembers", plan.maxMembers(), 1);
        nonNegative(v, "maxScanRuns", plan.maxScanRuns(), 0);
        if (plan.retentionDays() < 1 || plan.retentionDays() > 3650) {
            v.add(new Violation("retentionDays", "must be between 1 and 3650"));
        }
        return v;
    }

    private static void nonNegative(List<Violation> v, String field, Integer value, int min) {
        if (value != null && value < min) {
            v.add(new Violation(field, "must be " + min + " or more, or null for unlimited"));
        }
    }

    private static boolean knownCurrency(String code) {
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static BillingPlan plan(ResultSet row) throws SQLException {
        return new BillingPlan(row.getString("id"), row.getString("name"), row.getString("currency"),
                row.getBigDecimal("monthly_fee").stripTrailingZeros(), row.getLong("included_requests"), row.getString("request_overage"),
                strip(row.getBigDecimal("overage_unit_price")), integer(row, "max_apis"), integer(row, "max_data_planes"),
                integer(row, "max_members"), integer(row, "max_scan_runs"), row.getInt("retention_days"),
                row.getBoolean("self_service"), row.getInt("position"));
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
