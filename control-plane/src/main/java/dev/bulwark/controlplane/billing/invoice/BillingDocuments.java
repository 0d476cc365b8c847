package dev.bulwark.controlplane.billing.invoice;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads a tenant's billing documents; every query is scoped to the tenant. */
@Singleton
public class BillingDocuments {
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final String COLUMNS = "id, tenant_id, kind, number, period_label, period_start, period_end, time_zone, currency, "
            + "lines::text AS lines, usage::text AS usage, subtotal, tax_rate, tax, total, credited_document, reason, issued_at, due_at, "
            + "status, paid_at, hash, developer_id, application_id";

    private final Sql sql;

    BillingDocuments(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public List<BillingDocument> list(TenantId tenant) {
        return sql.list("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND developer_id IS NULL "
                        + "ORDER BY issued_at DESC, number DESC",
                BillingDocuments::document, tenant);
    }

    @Transactional(readOnly = true)
    public Optional<BillingDocument> find(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND id = ? AND developer_id IS NULL",
                BillingDocuments::document, tenant, id);
    }

    public BillingDocument require(TenantId tenant, UUID id) {
        return find(tenant, id).orElseThrow(() -> ProblemException.notFound("Invoice"));
    }

    /** A developer's own invoices from the tenant (API monetization), newest first. */
    @Transactional(readOnly = true)
    public List<BillingDocument> ofDeveloper(TenantId tenant, UUID developerId) {
        return sql.list("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND developer_id = ? "
                + "ORDER BY issued_at DESC, number DESC", BillingDocuments::document, tenant, developerId);
    }

    /** One of the developer's invoices; another developer's, or a platform document, is 404. */
    @Transactional(readOnly = true)
    public BillingDocument requireOfDeveloper(TenantId tenant, UUID developerId, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND developer_id = ? AND id = ?",
                BillingDocuments::document, tenant, developerId, id).orElseThrow(() -> ProblemException.notFound("Invoice"));
    }

    /** The developer invoices of an application for a period (one per currency). */
    public List<BillingDocument> developerInvoicesFor(TenantId tenant, UUID applicationId, java.time.Instant periodStart) {
        return sql.list("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND kind = 'developer_invoice' "
                + "AND application_id = ? AND period_start = ? ORDER BY number", BillingDocuments::document, tenant, applicationId, periodStart);
    }

    /** Any document of the tenant, platform or developer, by id. */
    public BillingDocument requireAny(TenantId tenant, UUID id) {
        return findAny(tenant, id).orElseThrow(() -> ProblemException.notFound("Invoice"));
    }

    public Optional<BillingDocument> findAny(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND id = ?", BillingDocuments::document, tenant, id);
    }

    /**
     * What the tenant issued to its developers (invoices and credit notes), newest first, at most
     * {@code limit}; of one application when {@code applicationId} is given.
     */
    @Transactional(readOnly = true)
    public List<BillingDocument> issuedToDevelopers(TenantId tenant, UUID applicationId, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND developer_id IS NOT NULL "
                        + "AND (CAST(? AS uuid) IS NULL OR application_id = ?) ORDER BY issued_at DESC, number DESC LIMIT ?",
                BillingDocuments::document, tenant, applicationId, applicationId, limit);
    }

    /** One document the tenant issued to a developer; Bulwark's own documents and another tenant's are 404. */
    @Transactional(readOnly = true)
    public BillingDocument requireIssuedToDeveloper(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND id = ? AND developer_id IS NOT NULL",
                BillingDocuments::document, tenant, id).orElseThrow(() -> ProblemException.notFound("Invoice"));
    }

    Optional<BillingDocument> invoiceFor(TenantId tenant, java.time.Instant periodStart) {
        return sql.one("SELECT " + COLUMNS + " FROM billing_document WHERE tenant_id = ? AND kind = 'invoice' AND period_start = ?",
                BillingDocuments::document, tenant, periodStart);
    }

    /** At the currency's minor unit, as issued (the column keeps 4 decimals). */
    private static java.math.BigDecimal money(ResultSet row, String column) throws SQLException {
        int digits = java.util.Currency.getInstance(row.getString("currency")).getDefaultFractionDigits();
        return row.getBigDecimal(column).setScale(digits, java.math.RoundingMode.UNNECESSARY);
    }

    private static BillingDocument document(ResultSet row) throws SQLException {
        try {
            return new BillingDocument(row.getObject("id", UUID.class), row.getObject("tenant_id", UUID.class), row.getString("kind"),
                    row.getString("number"), row.getString("period_label"), Sql.instant(row, "period_start"), Sql.instant(row, "period_end"),
                    row.getString("time_zone"), row.getString("currency"),
                    JSON.readValue(row.getString("lines"), new TypeReference<List<BillingDocument.Line>>() { }),
                    JSON.readValue(row.getString("usage"), new TypeReference<List<BillingDocument.Usage>>() { }),
                    money(row, "subtotal"), row.getBigDecimal("tax_rate").stripTrailingZeros(), money(row, "tax"), money(row, "total"),
                    row.getObject("credited_document", UUID.class),
                    row.getString("reason"), Sql.instant(row, "issued_at"), Sql.instant(row, "due_at"), row.getString("status"),
                    Sql.instant(row, "paid_at"), row.getString("hash"), row.getObject("developer_id", UUID.class),
                    row.getObject("application_id", UUID.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable billing document", e);
        }
    }
}
